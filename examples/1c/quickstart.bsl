// Create an order from 1C:Enterprise through the BTS add-in (bindings/1c).
// 1C cannot run in CI: bindings/1c/tests/native_api.rs makes the same calls through the
// Native API the way 1C does (Configure, Call order/add, LastError) against the sandbox.

// README: bsl
Функция СоздатьЗаказBTS() Экспорт

    ПодключитьВнешнююКомпоненту("ОбщийМакет.BTS", "BTS", ТипВнешнейКомпоненты.Native);
    BTS = Новый("AddIn.BTS.BTS");

    // The configuration: the same keys as every bts binding.
    Настройки = Новый Структура;
    Настройки.Вставить("username", "shop");
    Настройки.Вставить("password", "s3cret");
    Настройки.Вставить("inn", "123456789");
    Настройки.Вставить("timeout_ms", 15000);
    Если Не BTS.Настроить(ВJSON(Настройки)) Тогда
        ВызватьИсключение "BTS: " + BTS.ПоследняяОшибка;
    КонецЕсли;

    Заказ = Новый Структура;
    Заказ.Вставить("senderCityId", 3);
    Заказ.Вставить("senderAddress", "Toshkent sh., Bobur ko'chasi, 5-A");
    Заказ.Вставить("senderReal", "Jurabek Turdiyev");
    Заказ.Вставить("senderPhone", "+998 99 1234567");
    Заказ.Вставить("weight", 2);
    Заказ.Вставить("packageId", 8);
    Заказ.Вставить("postTypeId", 4);
    Заказ.Вставить("receiver", "Odil Ahkmedov");
    Заказ.Вставить("receiverAddress", "Gozovo qish. 41 uy");
    Заказ.Вставить("receiverCityId", 3);
    Заказ.Вставить("receiverPhone", "+998 99 1234567");

    Ответ = ИзJSON(BTS.Вызвать("order/add", ВJSON(Заказ)));
    Если Ответ.ok Тогда
        Возврат Ответ.data.orderId;
    КонецЕсли;

    // An error: kind, message, status and the field errors.
    Ошибка = Ответ.error;
    Текст = "BTS (" + Ошибка.kind + "): " + Ошибка.message;
    Если Ошибка.kind = "validation" Тогда
        Для Каждого Поле Из Ошибка.fields Цикл
            Текст = Текст + Символы.ПС + Поле.Ключ + ": " + СтрСоединить(Поле.Значение, "; ");
        КонецЦикла;
    КонецЕсли;
    ВызватьИсключение Текст;

КонецФункции

Функция ВJSON(Значение)
    Запись = Новый ЗаписьJSON;
    Запись.УстановитьСтроку(Новый ПараметрыЗаписиJSON(ПереносСтрокJSON.Нет));
    ЗаписатьJSON(Запись, Значение);
    Возврат Запись.Закрыть();
КонецФункции

Функция ИзJSON(Текст)
    Чтение = Новый ЧтениеJSON;
    Чтение.УстановитьСтроку(Текст);
    Результат = ПрочитатьJSON(Чтение);   // Структура: ok, data / error
    Чтение.Закрыть();
    Возврат Результат;
КонецФункции
// README: end
