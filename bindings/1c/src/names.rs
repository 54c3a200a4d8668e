//! The names of the named methods, made from the operation table at run time.
//!
//! Each operation's typed-method name (`method_name`, e.g. `order_add`) is split at `_` into
//! words. The English method name is those words in camel case (`OrderAdd`); the Russian alias
//! is each word looked up in [`WORDS`] and joined in the same order (`ЗаказДобавить`). The
//! word order stays the English one on purpose: a 1C developer who knows `OrderDetail` finds
//! `ЗаказПодробно` without a table, and a new operation gets its Russian name without an edit
//! here as long as its words are known.
//!
//! A word missing from [`WORDS`] is not guessed: [`russian_name`] answers an error naming it, a
//! unit test fails for every operation that has one, and at run time the method keeps only its
//! English name (both aliases are the English one) until the word is added.

/// English word of a `method_name` → its Russian part of a method name.
pub static WORDS: &[(&str, &str)] = &[
    ("add", "Добавить"),
    ("auth", "Авторизация"),
    ("barcode", "Штрихкод"),
    ("branches", "Филиалы"),
    ("by", "По"),
    ("calculate", "Рассчитать"),
    ("cancel", "Отменить"),
    ("cancellation", "Отмена"),
    ("cities", "Города"),
    ("city", "Город"),
    ("client", "Клиентский"),
    ("clients", "Клиентские"),
    ("config", "Настройка"),
    ("create", "Создать"),
    ("detail", "Подробно"),
    ("directory", "Справочник"),
    ("edit", "Изменить"),
    ("forget", "Забыть"),
    ("get", "Получить"),
    ("goods", "Товаров"),
    ("history", "История"),
    ("international", "Международный"),
    ("journal", "Журнал"),
    ("label", "Этикетка"),
    ("list", "Список"),
    ("login", "Войти"),
    ("manifest", "Манифест"),
    ("order", "Заказ"),
    ("packages", "Упаковки"),
    ("parse", "Разобрать"),
    ("partial", "Частичный"),
    ("post", "Отправления"),
    ("product", "Товар"),
    ("purveyor", "Поставщик"),
    ("receiving", "Поступление"),
    ("regions", "Регионы"),
    ("return", "Возврат"),
    ("save", "Сохранить"),
    ("status", "Статус"),
    ("statuses", "Статусы"),
    ("sticker", "Наклейка"),
    ("stickers", "Наклейки"),
    ("test", "Тест"),
    ("token", "Токен"),
    ("track", "Отследить"),
    ("types", "Типы"),
    ("update", "Обновить"),
    ("webhook", "Вебхук"),
    ("with", "С"),
    ("wms", "Склад"),
];

/// `order_add` → `OrderAdd`.
pub fn english_name(method_name: &str) -> String {
    method_name
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// `order_add` → `ЗаказДобавить`; an error naming the first word [`WORDS`] does not have.
pub fn russian_name(method_name: &str) -> Result<String, String> {
    method_name
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|word| {
            WORDS
                .iter()
                .find(|(en, _)| en.eq_ignore_ascii_case(word))
                .map(|(_, ru)| *ru)
                .ok_or_else(|| {
                    format!(
                        "the word {word:?} of {method_name} has no Russian translation in \
                         bindings/1c/src/names.rs (WORDS)"
                    )
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_names_are_the_camel_case_of_method_name() {
        assert_eq!(english_name("order_add"), "OrderAdd");
        assert_eq!(
            english_name("wms_receiving_goods_client_status"),
            "WmsReceivingGoodsClientStatus"
        );
    }

    #[test]
    fn russian_names_join_the_words_in_order() {
        assert_eq!(russian_name("order_add").unwrap(), "ЗаказДобавить");
        assert_eq!(russian_name("order_detail").unwrap(), "ЗаказПодробно");
        assert_eq!(
            russian_name("directory_branches_with_city").unwrap(),
            "СправочникФилиалыСГород"
        );
    }

    #[test]
    fn a_word_missing_from_the_dictionary_is_an_error_not_a_latin_name() {
        let err = russian_name("order_teleport").unwrap_err();
        assert!(err.contains("\"teleport\""), "{err}");
    }

    #[test]
    fn every_word_of_every_operation_has_a_russian_translation() {
        let missing: Vec<String> = bts::OPERATIONS
            .iter()
            .filter(|op| crate::addin::is_named(op))
            .filter_map(|op| russian_name(op.method_name).err())
            .collect();
        assert!(missing.is_empty(), "{missing:#?}");
    }

    #[test]
    fn the_dictionary_is_sorted_unique_and_every_part_is_a_bsl_identifier() {
        for pair in WORDS.windows(2) {
            assert!(
                pair[0].0 < pair[1].0,
                "{pair:?}: keep WORDS sorted, once each"
            );
        }
        for (en, ru) in WORDS {
            assert!(en.chars().all(|c| c.is_ascii_lowercase()), "{en}");
            assert!(
                ru.chars().next().is_some_and(char::is_uppercase)
                    && ru
                        .chars()
                        .all(|c| c.is_alphabetic() && c != 'ё' && c != 'Ё'),
                "{ru}"
            );
        }
    }
}
