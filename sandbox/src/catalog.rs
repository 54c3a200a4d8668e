//! Reference data and texts of the current courier API: regions, cities, branches, statuses
//! 100–1400, packaging and content types, reply messages and validation messages in Uzbek,
//! Russian and English.
//!
//! Longer than 600 lines: it is data, one table after the other (14 regions, 14 statuses with
//! three names and descriptions each, 33 content types, the messages); splitting it would only
//! scatter the tables a reader compares.

/// The `language` header of a request: `uz` (default), `ru` or `en`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    Uz,
    Ru,
    En,
}

impl Lang {
    /// Reads the header; anything else (or none) is Uzbek.
    pub(crate) fn from_header(h: Option<&str>) -> Lang {
        let h = h.unwrap_or("").trim().to_ascii_lowercase();
        match h.get(..2) {
            Some("ru") => Lang::Ru,
            Some("en") => Lang::En,
            _ => Lang::Uz,
        }
    }

    /// Picks one of three texts.
    pub(crate) fn pick<'a>(self, uz: &'a str, ru: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Uz => uz,
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// A region: code, sandbox id, Uzbek, Russian and English names.
pub(crate) struct Region {
    pub code: &'static str,
    pub id: i64,
    pub uz: &'static str,
    pub ru: &'static str,
    pub en: &'static str,
}

impl Region {
    pub(crate) fn name(&self, lang: Lang) -> &'static str {
        lang.pick(self.uz, self.ru, self.en)
    }
}

/// The 14 regions. Ids 6 (Tashkent city) and 14 (Samarkand) are the docs' example ids; the
/// others are the sandbox's.
pub(crate) static REGIONS: &[Region] = &[
    Region {
        code: "01",
        id: 6,
        uz: "Toshkent shahri",
        ru: "город Ташкент",
        en: "Tashkent city",
    },
    Region {
        code: "10",
        id: 7,
        uz: "Toshkent viloyati",
        ru: "Ташкентская область",
        en: "Tashkent region",
    },
    Region {
        code: "20",
        id: 8,
        uz: "Sirdaryo viloyati",
        ru: "Сырдарьинская область",
        en: "Syrdarya region",
    },
    Region {
        code: "25",
        id: 9,
        uz: "Jizzax viloyati",
        ru: "Джизакская область",
        en: "Jizzakh region",
    },
    Region {
        code: "30",
        id: 14,
        uz: "Samarqand viloyati",
        ru: "Самаркандская область",
        en: "Samarkand region",
    },
    Region {
        code: "40",
        id: 10,
        uz: "Farg'ona viloyati",
        ru: "Ферганская область",
        en: "Fergana region",
    },
    Region {
        code: "50",
        id: 11,
        uz: "Namangan viloyati",
        ru: "Наманганская область",
        en: "Namangan region",
    },
    Region {
        code: "60",
        id: 2,
        uz: "Andijon viloyati",
        ru: "Андижанская область",
        en: "Andijan region",
    },
    Region {
        code: "70",
        id: 15,
        uz: "Qashqadaryo viloyati",
        ru: "Кашкадарьинская область",
        en: "Kashkadarya region",
    },
    Region {
        code: "75",
        id: 16,
        uz: "Surxondaryo viloyati",
        ru: "Сурхандарьинская область",
        en: "Surkhandarya region",
    },
    Region {
        code: "80",
        id: 12,
        uz: "Buxoro viloyati",
        ru: "Бухарская область",
        en: "Bukhara region",
    },
    Region {
        code: "85",
        id: 13,
        uz: "Navoiy viloyati",
        ru: "Навоийская область",
        en: "Navoi region",
    },
    Region {
        code: "90",
        id: 17,
        uz: "Xorazm viloyati",
        ru: "Хорезмская область",
        en: "Khorezm region",
    },
    Region {
        code: "95",
        id: 18,
        uz: "Qoraqalpog'iston Respublikasi",
        ru: "Республика Каракалпакстан",
        en: "Karakalpakstan",
    },
];

/// A city or district: code (four digits, its region's two first), sandbox id, name, whether
/// a BTS office exists there.
#[derive(Debug)]
pub(crate) struct City {
    pub code: &'static str,
    pub region: &'static str,
    pub id: i64,
    pub name: &'static str,
    pub office: bool,
}

/// Sandbox cities. 6000–6002, 5001, 9001 and 1008 carry the names one integration's catalogue
/// gives them; 0109, 3001 and 7001 are the docs' example codes with sandbox names; 9520 is a
/// district without a BTS office, and the item with an empty code mirrors the empty codes one
/// integration saw in live lists.
pub(crate) static CITIES: &[City] = &[
    City {
        code: "0101",
        region: "01",
        id: 190,
        name: "Bektemir tumani",
        office: true,
    },
    City {
        code: "0109",
        region: "01",
        id: 195,
        name: "Yunusobod tumani",
        office: true,
    },
    City {
        code: "0111",
        region: "01",
        id: 197,
        name: "Chilonzor tumani",
        office: true,
    },
    City {
        code: "1008",
        region: "10",
        id: 230,
        name: "Chirchiq shahri",
        office: true,
    },
    City {
        code: "3001",
        region: "30",
        id: 300,
        name: "Samarqand shahri",
        office: true,
    },
    City {
        code: "5001",
        region: "50",
        id: 500,
        name: "Namangan shahri",
        office: true,
    },
    City {
        code: "6000",
        region: "60",
        id: 600,
        name: "Andijon shahri",
        office: true,
    },
    City {
        code: "6001",
        region: "60",
        id: 601,
        name: "Xonobod shahri",
        office: true,
    },
    City {
        code: "6002",
        region: "60",
        id: 602,
        name: "Andijon tumani",
        office: true,
    },
    City {
        code: "7001",
        region: "70",
        id: 700,
        name: "Qarshi shahri",
        office: true,
    },
    City {
        code: "9001",
        region: "90",
        id: 900,
        name: "Urganch shahri",
        office: true,
    },
    City {
        code: "9501",
        region: "95",
        id: 950,
        name: "Nukus shahri",
        office: true,
    },
    City {
        code: "9520",
        region: "95",
        id: 970,
        name: "Mo'ynoq tumani",
        office: false,
    },
    City {
        code: "",
        region: "95",
        id: 999,
        name: "Noma'lum tuman",
        office: false,
    },
];

/// A BTS branch.
#[derive(Debug)]
pub(crate) struct Branch {
    pub code: &'static str,
    pub id: i64,
    pub name: &'static str,
    pub city: &'static str,
    pub address: &'static str,
    pub lat_long: &'static str,
    /// Monday … Sunday; `None` is a closed day.
    pub hours: [Option<&'static str>; 7],
}

const WEEK: [Option<&str>; 7] = [
    Some("09:00-18:00"),
    Some("09:00-18:00"),
    Some("09:00-18:00"),
    Some("09:00-18:00"),
    Some("09:00-18:00"),
    Some("09:00-15:00"),
    None,
];

/// Sandbox branches: 0154 (the docs' example sender branch) and 7017 (the example branch item)
/// and one in each other city with an office.
pub(crate) static BRANCHES: &[Branch] = &[
    Branch {
        code: "0154",
        id: 112,
        name: "YUNUSOBOD BTS",
        city: "0109",
        address: "Toshkent, Amir Temur ko'ch 107",
        lat_long: "41.3650,69.2870",
        hours: WEEK,
    },
    Branch {
        code: "0160",
        id: 113,
        name: "CHILONZOR BTS",
        city: "0111",
        address: "Toshkent, Bunyodkor shoh ko'ch 12",
        lat_long: "41.2850,69.2040",
        hours: [Some("08:00-20:00"); 7],
    },
    Branch {
        code: "0102",
        id: 110,
        name: "BEKTEMIR BTS",
        city: "0101",
        address: "Toshkent, Husayn Boyqaro ko'ch 3",
        lat_long: "41.2090,69.3340",
        hours: WEEK,
    },
    Branch {
        code: "1012",
        id: 130,
        name: "CHIRCHIQ BTS",
        city: "1008",
        address: "Chirchiq, Amir Temur ko'ch 20",
        lat_long: "41.4690,69.5820",
        hours: WEEK,
    },
    Branch {
        code: "3017",
        id: 29,
        name: "SAMARQAND BTS",
        city: "3001",
        address: "Samarqand, Registon ko'ch 5",
        lat_long: "39.6540,66.9750",
        hours: WEEK,
    },
    Branch {
        code: "5010",
        id: 150,
        name: "NAMANGAN BTS",
        city: "5001",
        address: "Namangan, Navoiy ko'ch 8",
        lat_long: "40.9980,71.6720",
        hours: WEEK,
    },
    Branch {
        code: "6010",
        id: 160,
        name: "ANDIJON BTS",
        city: "6000",
        address: "Andijon, Bobur shoh ko'ch 41",
        lat_long: "40.7820,72.3440",
        hours: WEEK,
    },
    Branch {
        code: "6011",
        id: 161,
        name: "XONOBOD BTS",
        city: "6001",
        address: "Xonobod, Mustaqillik ko'ch 2",
        lat_long: "40.8030,73.0010",
        hours: WEEK,
    },
    Branch {
        code: "6012",
        id: 162,
        name: "ANDIJON TUMAN BTS",
        city: "6002",
        address: "Kuyganyor, Markaziy ko'ch 1",
        lat_long: "40.8330,72.3000",
        hours: WEEK,
    },
    Branch {
        code: "7017",
        id: 170,
        name: "EXAMPLE BRANCH",
        city: "7001",
        address: "Example street 1",
        lat_long: "39.06,66.83",
        hours: [
            Some("09:00-18:00"),
            Some("09:00-18:00"),
            Some("09:00-18:00"),
            Some("09:00-18:00"),
            Some("09:00-18:00"),
            Some("09:00-18:00"),
            None,
        ],
    },
    Branch {
        code: "9010",
        id: 190,
        name: "URGANCH BTS",
        city: "9001",
        address: "Urganch, Al-Xorazmiy ko'ch 15",
        lat_long: "41.5500,60.6310",
        hours: WEEK,
    },
    Branch {
        code: "9510",
        id: 195,
        name: "NUKUS BTS",
        city: "9501",
        address: "Nukus, Doslik ko'ch 4",
        lat_long: "42.4600,59.6100",
        hours: WEEK,
    },
];

pub(crate) fn region(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.code == code)
}

pub(crate) fn city(code: &str) -> Option<&'static City> {
    CITIES.iter().find(|c| !c.code.is_empty() && c.code == code)
}

pub(crate) fn branch(code: &str) -> Option<&'static Branch> {
    BRANCHES.iter().find(|b| b.code == code)
}

/// An order status of the current API.
pub(crate) struct Status {
    pub code: i64,
    pub uz: &'static str,
    pub ru: &'static str,
    pub en: &'static str,
    pub desc_uz: &'static str,
    pub desc_ru: &'static str,
    pub desc_en: &'static str,
    pub next: &'static [i64],
    /// Listed by `/v1/status/index` (900 and 1000 are not: they are sandbox inventions).
    pub listed: bool,
}

impl Status {
    pub(crate) fn name(&self, lang: Lang) -> &'static str {
        lang.pick(self.uz, self.ru, self.en)
    }

    pub(crate) fn description(&self, lang: Lang) -> &'static str {
        lang.pick(self.desc_uz, self.desc_ru, self.desc_en)
    }
}

/// Statuses 100–1400. 900 ("returning to the sender") and 1000 ("refused by the receiver") are
/// **sandbox inventions**: the docs name them only as possible successors of 800.
pub(crate) static STATUSES: &[Status] = &[
    Status {
        code: 100,
        uz: "Yuboruvchida",
        ru: "У отправителя",
        en: "At sender",
        desc_uz: "Buyurtma yuboruvchida, hali BTSga topshirilmagan.",
        desc_ru: "Заказ у отправителя, ещё не передан в BTS.",
        desc_en: "With the sender, not yet handed to BTS.",
        next: &[200],
        listed: true,
    },
    Status {
        code: 200,
        uz: "Kuryer qabul qildi",
        ru: "Курьер принял",
        en: "Courier received",
        desc_uz: "Kuryer jo'natmani oldi va jo'natish ofisiga olib bormoqda.",
        desc_ru: "Курьер забрал отправление и везёт его в офис отправления.",
        desc_en: "A courier has the parcel and is taking it to the origin office.",
        next: &[300],
        listed: true,
    },
    Status {
        code: 300,
        uz: "Joʻnatish ofisi",
        ru: "В офисе отправления",
        en: "Dispatch office",
        desc_uz: "Jo'natma jo'natish ofisida qabul qilindi.",
        desc_ru: "Отправление принято в офисе отправления.",
        desc_en: "Accepted at the origin office.",
        next: &[400],
        listed: true,
    },
    Status {
        code: 400,
        uz: "Ichki tashish",
        ru: "Во внутренней перевозке",
        en: "Internal transport",
        desc_uz: "Jo'natma tarmoq ichida tashilmoqda.",
        desc_ru: "Отправление во внутренней перевозке.",
        desc_en: "Moving within the network.",
        next: &[500],
        listed: true,
    },
    Status {
        code: 500,
        uz: "Saralash markazida",
        ru: "В РЦ",
        en: "At the distribution centre",
        desc_uz: "Jo'natma saralash markazida.",
        desc_ru: "Отправление в распределительном центре.",
        desc_en: "Being processed at a sorting centre.",
        next: &[600],
        listed: true,
    },
    Status {
        code: 600,
        uz: "Xaltada",
        ru: "В мешке",
        en: "In bag",
        desc_uz: "Jo'natma xaltaga joylandi.",
        desc_ru: "Отправление упаковано в мешок.",
        desc_en: "Packed into a logistics bag.",
        next: &[700],
        listed: true,
    },
    Status {
        code: 700,
        uz: "Tashishda",
        ru: "В перевозке",
        en: "In transit",
        desc_uz: "Jo'natma shaharlar orasida yo'lda.",
        desc_ru: "Отправление в пути между городами.",
        desc_en: "On the way between cities.",
        next: &[800],
        listed: true,
    },
    Status {
        code: 800,
        uz: "Yetkazish ofisi",
        ru: "В офисе доставки",
        en: "Delivery office",
        desc_uz: "Jo'natma yetkazish ofisiga keldi.",
        desc_ru: "Отправление прибыло в офис доставки.",
        desc_en: "Arrived at the destination office.",
        next: &[900, 1000, 1100],
        listed: true,
    },
    Status {
        code: 900,
        uz: "Yuboruvchiga qaytarilmoqda",
        ru: "Возврат отправителю",
        en: "Returning to sender",
        desc_uz: "Sandbox: jo'natma yuboruvchiga qaytarilmoqda.",
        desc_ru: "Sandbox: отправление возвращается отправителю.",
        desc_en: "Sandbox invention: the parcel goes back to the sender.",
        next: &[],
        listed: false,
    },
    Status {
        code: 1000,
        uz: "Qabul qiluvchi rad etdi",
        ru: "Отказ получателя",
        en: "Refused by receiver",
        desc_uz: "Sandbox: qabul qiluvchi jo'natmani olishdan bosh tortdi.",
        desc_ru: "Sandbox: получатель отказался от отправления.",
        desc_en: "Sandbox invention: the receiver refused the parcel.",
        next: &[],
        listed: false,
    },
    Status {
        code: 1100,
        uz: "Kuryer yetkazmoqda",
        ru: "Курьер доставляет",
        en: "Courier delivering",
        desc_uz: "Kuryer jo'natmani qabul qiluvchiga olib bormoqda.",
        desc_ru: "Курьер везёт отправление получателю.",
        desc_en: "A courier is on the way to the receiver.",
        next: &[1200],
        listed: true,
    },
    Status {
        code: 1200,
        uz: "Yetkazildi",
        ru: "Доставлен",
        en: "Delivered",
        desc_uz: "Jo'natma qabul qiluvchiga topshirildi.",
        desc_ru: "Отправление вручено получателю.",
        desc_en: "Handed to the receiver.",
        next: &[],
        listed: true,
    },
    Status {
        code: 1300,
        uz: "Oʻchirildi",
        ru: "Удалён",
        en: "Deleted",
        desc_uz: "Buyurtma o'chirildi (bekor qilindi).",
        desc_ru: "Заказ удалён (отменён).",
        desc_en: "The order was deleted or cancelled.",
        next: &[],
        listed: true,
    },
    Status {
        code: 1400,
        uz: "Muddati tugadi",
        ru: "Срок истек",
        en: "Expired",
        desc_uz: "Buyurtmaning amal qilish muddati tugadi.",
        desc_ru: "Срок действия заказа истёк.",
        desc_en: "The order's validity period ran out.",
        next: &[],
        listed: true,
    },
];

pub(crate) fn status(code: i64) -> Option<&'static Status> {
    STATUSES.iter().find(|s| s.code == code)
}

/// The next status on the main path (what the sandbox's clock moves an order to): the first of
/// `next`, except 800 → 1100 (the delivery path, not the inventions).
pub(crate) fn main_next(code: i64) -> Option<i64> {
    match code {
        800 => Some(1100),
        c => status(c).and_then(|s| s.next.first().copied()),
    }
}

/// Packaging types: id, Uzbek, Russian, English.
pub(crate) static PACKAGES: &[(i64, &str, &str, &str)] = &[
    (4, "SUMKA", "СУМКА", "Bag"),
    (5, "KONTEYNER", "КОНТЕЙНЕР", "Container"),
    (6, "BTS KONVERT", "BTS КОНВЕРТ", "BTS envelope"),
    (7, "QUTI (KOROBKA)", "Коробка", "Box"),
    (8, "BTS PAKET", "BTS Пакет", "BTS packet"),
    (9, "QADOQLANMAGAN", "БЕЗ.УПАК", "No packaging"),
    (10, "ZAVOD QADOG'I", "ЗАВОД.УПАК", "Factory packaging"),
    (90, "YOG'OCH YASHIK", "Дерев.ящик", "Wooden crate"),
    (91, "QORA PAKET", "Черный пакет", "Black plastic bag"),
];

/// Content ("post") types: id, Uzbek, English (the Russian list is unknown: Russian requests
/// get the Uzbek names).
pub(crate) static POST_TYPES: &[(i64, &str, &str)] = &[
    (1, "BOSHQA", "Other"),
    (4, "HUJJATLAR", "Documents"),
    (5, "EHTIYOT QISMLAR", "Spare parts"),
    (6, "DORI-DARMONLAR", "Medicines"),
    (7, "TASHKILIY TEXNIKA", "Office equipment"),
    (8, "KITOBLAR", "Books"),
    (9, "SHISHA BUYUMLAR", "Glassware"),
    (10, "REKLAMA MAHSULOTLARI", "Advertising products"),
    (11, "KIYIM-KECHAK VA POYABZAL", "Clothes and shoes"),
    (12, "UYALI TELEFON", "Mobile phone"),
    (13, "PASPORT", "Passport"),
    (14, "PARFYUMERIYA", "Perfumery"),
    (15, "OZIQ-OVQAT MAHSULOTLARI", "Food products"),
    (16, "XIMIKATLAR", "Chemicals"),
    (17, "PROTEZLAR (TISH)", "Dental prostheses"),
    (18, "URUG'LAR", "Seeds"),
    (19, "PLASTIK KARTA", "Plastic card"),
    (20, "MUHR (PECHAT)", "Stamp (seal)"),
    (21, "SANTEXNIKA", "Plumbing"),
    (22, "MEBEL", "Furniture"),
    (23, "TIBBIY ASBOB-USKUNALAR", "Medical instruments"),
    (24, "MATO - MATERIAL", "Fabric"),
    (25, "USKUNALAR (JIHOZLAR)", "Equipment"),
    (26, "KANSYELARIYA MOLLARI", "Stationery"),
    (27, "RO'ZG'OR BUYUMLARI", "Household goods"),
    (28, "O'YINCHOQLAR", "Toys"),
    (29, "BIJUTERIYA", "Costume jewellery"),
    (30, "KOSMETIKA", "Cosmetics"),
    (31, "MAISHIY TEXNIKA", "Home appliances"),
    (32, "QURUQ MEVALAR", "Dried fruit"),
    (33, "QURILISH MATERIALLARI", "Building materials"),
];

pub(crate) fn package_name(id: i64, lang: Lang) -> Option<&'static str> {
    PACKAGES
        .iter()
        .find(|p| p.0 == id)
        .map(|p| lang.pick(p.1, p.2, p.3))
}

pub(crate) fn post_type_name(id: i64, lang: Lang) -> Option<&'static str> {
    POST_TYPES
        .iter()
        .find(|p| p.0 == id)
        .map(|p| lang.pick(p.1, p.1, p.2))
}

/// A reply message: its i18n key, the sentences, and whether its docs page shows the key.
pub(crate) struct Msg {
    pub key: &'static str,
    pub uz: &'static str,
    pub ru: &'static str,
    pub en: &'static str,
    pub docs_key: bool,
}

macro_rules! msg {
    ($name:ident, $key:expr, $docs_key:expr, $uz:expr, $ru:expr, $en:expr) => {
        pub(crate) const $name: Msg = Msg {
            key: $key,
            uz: $uz,
            ru: $ru,
            en: $en,
            docs_key: $docs_key,
        };
    };
}

msg!(
    LOGIN_OK,
    "success.login",
    false,
    "Kirish muvaffaqiyatli amalga oshdi.",
    "Вход выполнен успешно.",
    "Logged in successfully."
);
msg!(
    REFRESH_OK,
    "success.refreshed",
    false,
    "Token muvaffaqiyatli yangilandi.",
    "Токен успешно обновлён.",
    "Token refreshed successfully."
);
msg!(
    LIST_OK,
    "success.retrieved",
    false,
    "Ma'lumot muvaffaqiyatli olindi.",
    "Данные успешно получены.",
    "Data retrieved successfully."
);
msg!(
    RETRIEVED,
    "success.retrieved",
    true,
    "Ma'lumot muvaffaqiyatli olindi.",
    "Данные успешно получены.",
    "Data retrieved successfully."
);
msg!(
    STICKER_OK,
    "success.retrieved",
    false,
    "Ma'lumot muvaffaqiyatli olindi",
    "Данные успешно получены",
    "Data retrieved successfully"
);
msg!(
    CREATED,
    "success.created",
    false,
    "Muvaffaqiyatli yaratildi.",
    "Успешно создано",
    "Created successfully."
);
msg!(
    UPDATED,
    "success.updated",
    true,
    "Muvaffaqiyatli yangilandi",
    "Успешно обновлено",
    "Updated successfully."
);
msg!(
    VALIDATION,
    "error.validation",
    true,
    "Ma'lumotlar noto'g'ri.",
    "Ошибка валидации.",
    "Validation failed."
);
msg!(
    NOT_FOUND,
    "error.not_found",
    true,
    "Buyurtma topilmadi.",
    "Заказ не найден.",
    "Order not found."
);
msg!(
    ALREADY_CANCELLED,
    "error.already_cancelled",
    true,
    "Buyurtma allaqachon bekor qilingan",
    "Заказ уже отменён",
    "The order is already cancelled."
);
msg!(
    CANNOT_CANCEL,
    "error.cannot_cancel",
    true,
    "Buyurtmani faqat 100 holatida bekor qilish mumkin",
    "Заказ можно отменить только в статусе 100",
    "Only an order in status 100 can be cancelled."
);
msg!(
    CANNOT_EDIT,
    "error.cannot_edit",
    true,
    "Buyurtmani faqat 100 holatida o'zgartirish mumkin",
    "Заказ можно изменить только в статусе 100",
    "Only an order in status 100 can be changed."
);
msg!(
    UNAUTHORIZED,
    "error.unauthorized",
    false,
    "Your request was made with invalid credentials.",
    "Your request was made with invalid credentials.",
    "Your request was made with invalid credentials."
);

/// The `message` of `m` under the messages quirk and the request's language.
pub(crate) fn message(m: &Msg, mode: crate::quirks::Messages, lang: Lang) -> &'static str {
    use crate::quirks::Messages;
    let key = match mode {
        Messages::Docs => m.docs_key,
        Messages::Keys => true,
        Messages::Text => false,
    };
    if key {
        m.key
    } else {
        lang.pick(m.uz, m.ru, m.en)
    }
}

/// Yii2's generated label of an attribute: `senderCityCode` → `Sender City Code`,
/// `city_code` → `City Code`.
pub(crate) fn label(attr: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in attr.chars() {
        if c == '_' || c == '-' || c == ' ' || c == '.' {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.push(c);
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Validation messages, in the request's language (Yii2's message patterns; the Uzbek
/// "required" one as the docs show it).
pub(crate) enum Rule<'a> {
    Required,
    Invalid,
    Number,
    Integer,
    Text,
    MaxLen(usize),
    Min(&'a str),
    Max(&'a str),
    MaxItems(usize),
    Raw(&'a str, &'a str, &'a str),
}

/// The message for a field (the last segment of a dotted key gives the label).
pub(crate) fn rule_message(field: &str, rule: Rule, lang: Lang) -> String {
    let last = field.rsplit('.').next().unwrap_or(field);
    let last = last.split('[').next().unwrap_or(last);
    let l = label(last);
    match rule {
        Rule::Required => match lang {
            Lang::Uz => format!("«{l}» to`ldirish shart."),
            Lang::Ru => format!("Необходимо заполнить «{l}»."),
            Lang::En => format!("{l} cannot be blank."),
        },
        Rule::Invalid => match lang {
            Lang::Uz => format!("«{l}» qiymati noto`g`ri."),
            Lang::Ru => format!("Значение «{l}» неверно."),
            Lang::En => format!("{l} is invalid."),
        },
        Rule::Number => match lang {
            Lang::Uz => format!("«{l}» raqam bo`lishi kerak."),
            Lang::Ru => format!("Значение «{l}» должно быть числом."),
            Lang::En => format!("{l} must be a number."),
        },
        Rule::Integer => match lang {
            Lang::Uz => format!("«{l}» butun son bo`lishi kerak."),
            Lang::Ru => format!("Значение «{l}» должно быть целым числом."),
            Lang::En => format!("{l} must be an integer."),
        },
        Rule::Text => match lang {
            Lang::Uz => format!("«{l}» satr bo`lishi kerak."),
            Lang::Ru => format!("Значение «{l}» должно быть строкой."),
            Lang::En => format!("{l} must be a string."),
        },
        Rule::MaxLen(n) => match lang {
            Lang::Uz => format!("«{l}» qiymati {n} ta belgidan oshmasligi kerak."),
            Lang::Ru => format!("Значение «{l}» должно содержать максимум {n} символов."),
            Lang::En => format!("{l} should contain at most {n} characters."),
        },
        Rule::Min(m) => match lang {
            Lang::Uz => format!("«{l}» qiymati {m} dan kam bo`lmasligi kerak."),
            Lang::Ru => format!("Значение «{l}» должно быть не меньше {m}."),
            Lang::En => format!("{l} must be no less than {m}."),
        },
        Rule::Max(m) => match lang {
            Lang::Uz => format!("«{l}» qiymati {m} dan oshmasligi kerak."),
            Lang::Ru => format!("Значение «{l}» не должно превышать {m}."),
            Lang::En => format!("{l} must be no greater than {m}."),
        },
        Rule::MaxItems(n) => match lang {
            Lang::Uz => format!("«{l}» {n} tadan ko`p bo`lmasligi kerak."),
            Lang::Ru => format!("«{l}» должно содержать не более {n} элементов."),
            Lang::En => format!("{l} should contain at most {n} items."),
        },
        Rule::Raw(uz, ru, en) => lang.pick(uz, ru, en).to_owned(),
    }
}

/// Yii2's "missing required parameters" text.
pub(crate) fn missing_params(names: &str, lang: Lang) -> String {
    match lang {
        Lang::Uz => format!("Quyidagi zarur parametrlar mavjud emas: {names}"),
        Lang::Ru => format!("Отсутствуют обязательные параметры: {names}"),
        Lang::En => format!("Missing required parameters: {names}"),
    }
}

/// Yii2's "invalid data received for parameter" text.
pub(crate) fn invalid_param(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Uz => format!("«{name}» parametri uchun noto'g'ri ma'lumot olindi."),
        Lang::Ru => format!("Неправильное значение параметра «{name}»."),
        Lang::En => format!("Invalid data received for parameter \"{name}\"."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_messages() {
        assert_eq!(label("senderCityCode"), "Sender City Code");
        assert_eq!(label("city_code"), "City Code");
        assert_eq!(label("postTypes"), "Post Types");
        assert_eq!(
            rule_message("senderCityCode", Rule::Required, Lang::Uz),
            "«Sender City Code» to`ldirish shart."
        );
        assert_eq!(
            rule_message("cargo.postTypes[0].name", Rule::MaxLen(20), Lang::Ru),
            "Значение «Name» должно содержать максимум 20 символов."
        );
        assert_eq!(Lang::from_header(Some("ru-RU")), Lang::Ru);
        assert_eq!(Lang::from_header(None), Lang::Uz);
    }

    #[test]
    fn reference_data_is_consistent() {
        for c in CITIES.iter().filter(|c| !c.code.is_empty()) {
            assert!(region(c.region).is_some(), "{}", c.code);
            assert!(c.code.starts_with(c.region), "{}", c.code);
        }
        for b in BRANCHES {
            let c = city(b.city).unwrap();
            assert!(c.office, "{}", b.code);
        }
        for c in CITIES.iter().filter(|c| c.office) {
            assert!(BRANCHES.iter().any(|b| b.city == c.code), "{}", c.code);
        }
        assert_eq!(STATUSES.iter().filter(|s| s.listed).count(), 12);
        for s in STATUSES {
            for n in s.next {
                assert!(status(*n).is_some());
            }
        }
        let mut code = 100;
        let mut path = vec![code];
        while let Some(n) = main_next(code) {
            code = n;
            path.push(n);
        }
        assert_eq!(path.last(), Some(&1200));
        assert_eq!(path.len(), 10);
    }
}
