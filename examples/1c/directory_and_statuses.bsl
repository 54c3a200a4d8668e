// Reference data from 1C:Enterprise through the BTS add-in (bindings/1c): branches with their
// opening hours, the status catalogue, and an international parcel whose field errors have
// keys that are not BSL identifiers. Every reply is read into a Соответствие
// (ПрочитатьJSON(Чтение, Истина)), so keys such as "1"…"7" and "products[0].HsCodeIs" work.
// ПоказатьСправочникиBTS takes a configuration of the current courier API ("courier_api":
// "current"); ПроверитьПосылкуBTS one of the legacy API, which has international parcels.
// bindings/1c/tests/native_api.rs makes these calls against the sandbox.
// bindings/1c/tests/examples.rs checks that every method this file calls on the add-in exists.

Процедура ПоказатьСправочникиBTS(КонфигурацияJSON, КодРегиона, КодГорода) Экспорт

    ПодключитьВнешнююКомпоненту("ОбщийМакет.BTS", "BTS", ТипВнешнейКомпоненты.Native);
    Компонента = Новый("AddIn.BTS.BTS");
    Если Не Компонента.Настроить(КонфигурацияJSON) Тогда
        ВызватьИсключение "BTS: " + Компонента.ПоследняяОшибка;
    КонецЕсли;

    // Branches of one city (current API: regionCode and cityCode, a page of "items");
    // working_hours is keyed by the day number "1" (Monday) … "7".
    Отбор = Новый Структура("regionCode, cityCode", КодРегиона, КодГорода);
    Ответ = ИзJSON(Компонента.СправочникФилиалы(ВJSON(Отбор)));
    Если Ответ["ok"] Тогда
        Для Каждого Филиал Из Ответ["data"]["items"] Цикл
            Часы = Филиал["working_hours"];
            Если ТипЗнч(Часы) = Тип("Соответствие") Тогда
                Сообщить(Строка(Филиал["name"]) + ", понедельник: " + Строка(Часы["1"]));
            КонецЕсли;
        КонецЦикла;
    Иначе
        Сообщить("BTS: " + Компонента.ПоследняяОшибка);
    КонецЕсли;

    // The status catalogue the library knows: code, uz, ru, en, final ("api": current/legacy).
    Для Каждого Статус Из ИзJSON(Компонента.Статусы()) Цикл
        Если Статус["api"] = "current" Тогда
            Сообщить(Формат(Статус["code"], "ЧГ=0") + " " + Статус["ru"]);
        КонецЕсли;
    КонецЦикла;
    Сообщить(Компонента.StatusLabel(1200, "en"));

    // Any operation also answers through Вызвать (Call), by its name.
    Ответ = ИзJSON(Компонента.Вызвать("directory/regions"));
    Если Ответ["ok"] Тогда
        Сообщить("Регионы: " + Ответ["data"]["items"].Количество());
    КонецЕсли;

КонецПроцедуры

Процедура ПроверитьПосылкуBTS(КонфигурацияJSON) Экспорт

    ПодключитьВнешнююКомпоненту("ОбщийМакет.BTS", "BTS", ТипВнешнейКомпоненты.Native);
    Компонента = Новый("AddIn.BTS.BTS");
    Если Не Компонента.Настроить(КонфигурацияJSON) Тогда
        ВызватьИсключение "BTS: " + Компонента.ПоследняяОшибка;
    КонецЕсли;

    // An international parcel with a product lacking its HS code: the field errors are keyed
    // "products[0].HsCodeIs", which a Структура could not hold.
    Посылка = Новый Соответствие;
    Посылка.Вставить("ParcelNumber", "UZ000000001");
    Товар = Новый Соответствие;
    Товар.Вставить("ProductDescription", "Kitob");
    Товары = Новый Массив;
    Товары.Добавить(Товар);
    Посылка.Вставить("products", Товары);
    Ответ = ИзJSON(Компонента.МеждународныйДобавить(ВJSON(Посылка)));
    Если Не Ответ["ok"] И Ответ["error"]["fields"] <> Неопределено Тогда
        Для Каждого Поле Из Ответ["error"]["fields"] Цикл
            Сообщить(Поле.Ключ + ": " + СтрСоединить(Поле.Значение, "; "));
        КонецЦикла;
    КонецЕсли;

КонецПроцедуры

Функция ВJSON(Значение)
    Запись = Новый ЗаписьJSON;
    Запись.УстановитьСтроку(Новый ПараметрыЗаписиJSON(ПереносСтрокJSON.Нет));
    ЗаписатьJSON(Запись, Значение);
    Возврат Запись.Закрыть();
КонецФункции

Функция ИзJSON(Текст)
    Чтение = Новый ЧтениеJSON;
    Чтение.УстановитьСтроку(Текст);
    Результат = ПрочитатьJSON(Чтение, Истина);
    Чтение.Закрыть();
    Возврат Результат;
КонецФункции
