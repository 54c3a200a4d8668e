// Create an order from 1C:Enterprise through the BTS add-in (bindings/1c), then fetch its
// label as binary data and name its status.
// 1C cannot run in CI: bindings/1c/tests/native_api.rs makes the same calls through the
// Native API the way 1C does (Настроить, ЗаказДобавить, ЗаказПодробно, ЭтикеткаPDF,
// НазваниеСтатуса, ПоследняяОшибка) against the sandbox, and bindings/1c/tests/examples.rs
// checks that every method this file calls on the add-in exists.

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

    // One method per operation: ЗаказДобавить is OrderAdd, Вызвать("order/add", ...).
    Ответ = ИзJSON(BTS.ЗаказДобавить(ВJSON(Заказ)));
    Если Не Ответ["ok"] Тогда
        ВызватьИсключение ТекстОшибки(Ответ["error"]);
    КонецЕсли;
    Ид = Ответ["data"]["orderId"];

    // The label as ДвоичныеДанные (a PDF), or Неопределено with ПоследняяОшибка set.
    Этикетка = BTS.ЭтикеткаPDF(Ид);
    Если Этикетка = Неопределено Тогда
        ВызватьИсключение "BTS: " + BTS.ПоследняяОшибка;
    КонецЕсли;
    Этикетка.Записать(ПолучитьИмяВременногоФайла("pdf"));

    Подробно = ИзJSON(BTS.ЗаказПодробно(ВJSON(Новый Структура("orderId", Ид))));
    Если Подробно["ok"] Тогда
        Код = Подробно["data"]["status"]["id"];
        Сообщить("Заказ " + Формат(Ид, "ЧГ=0") + ": " + BTS.НазваниеСтатуса(Код, "uz"));
    КонецЕсли;
    Возврат Ид;

КонецФункции

// kind, message and the field errors. Field names such as "products[0].HsCodeIs" are not BSL
// identifiers: the reply is a Соответствие, so they are ordinary keys.
Функция ТекстОшибки(Ошибка)
    Текст = "BTS (" + Ошибка["kind"] + "): " + Ошибка["message"];
    Если Ошибка["kind"] = "validation" Тогда
        Для Каждого Поле Из Ошибка["fields"] Цикл
            Текст = Текст + Символы.ПС + Поле.Ключ + ": " + СтрСоединить(Поле.Значение, "; ");
        КонецЦикла;
    КонецЕсли;
    Возврат Текст;
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
    Результат = ПрочитатьJSON(Чтение, Истина);   // Соответствие: "ok", "data" / "error"
    Чтение.Закрыть();
    Возврат Результат;
КонецФункции
// README: end
