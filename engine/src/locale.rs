//! What the site and the CLI say around the data, in each language tarif speaks (ru, bg,
//! en): the words of price tables and quotes, plural forms, and how money is written.
//!
//! Texts from a company's sources (item names, notes) come from its files; this module only
//! holds tarif's own vocabulary, so that a Bulgarian page never says "price on request".

use rust_decimal::Decimal;

use crate::money::Money;
use crate::rounding;
use crate::text::Lang;

/// The languages tarif's own words are written in.
pub const LANGUAGES: [&str; 3] = ["en", "bg", "ru"];

/// tarif's own words: every word and sentence the site, the CLI and the app say around a
/// company's data, in one catalogue. Each row holds the word in every language of
/// [`LANGUAGES`], in that order: a row without one does not compile, and adding a
/// language is adding one column (and its tag to `LANGUAGES`). `{name}` marks a value a
/// caller puts in.
macro_rules! catalogue {
    ($($(#[$cfg:meta])* $name:ident => [$($text:expr),+ $(,)?]),+ $(,)?) => {
        /// A word of the catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Word {
            $($(#[$cfg])* $name),+
        }

        impl Word {
            /// Every word, for checks that each is translated.
            pub const ALL: &'static [Word] = &[$($(#[$cfg])* Word::$name),+];
        }

        /// The catalogue's rows, in the order of [`Word`].
        const CATALOGUE: &[[&str; LANGUAGES.len()]] = &[$($(#[$cfg])* [$($text),+]),+];
    };
}

catalogue! {
    DateInFuture => ["The date cannot be in the future.", "Датата не може да е в бъдещето.", "Дата не может быть в будущем."],
    AcceptsOneOf => ["one of: {ids}", "едно от: {ids}", "одно из: {ids}"],
    AcceptsYesNo => ["`yes` or `no`", "`yes` (да) или `no` (не)", "`yes` (да) или `no` (нет)"],
    AcceptsDate => ["a date, YYYY-MM-DD", "дата във вида ГГГГ-ММ-ДД (YYYY-MM-DD)", "дата в виде ГГГГ-ММ-ДД (YYYY-MM-DD)"],
    AcceptsPastDate => [
        "a date, YYYY-MM-DD, not after today ({today})",
        "дата във вида ГГГГ-ММ-ДД (YYYY-MM-DD), не по-късно от днес ({today})",
        "дата в виде ГГГГ-ММ-ДД (YYYY-MM-DD), не позже сегодняшней ({today})",
    ],
    AcceptsNumber => ["a number", "число", "число"],
    AcceptsWhole => ["a whole number", "цяло число", "целое число"],
    AcceptsFromTo => ["from {min} to {max}", "от {min} до {max}", "от {min} до {max}"],
    AcceptsAtLeast => ["of at least {min}", "не по-малко от {min}", "не меньше {min}"],
    AcceptsAtMost => ["of at most {max}", "не повече от {max}", "не больше {max}"],
    AcceptsSome => [
        "one or more of {ids}, separated by commas, or `{none}` for none of these",
        "едно или повече от {ids}, разделени със запетаи, или `{none}` за нито едно от тях",
        "одно или несколько из {ids} через запятую или `{none}`, если ничего из этого",
    ],
    #[cfg(feature = "generator")]
    LawBgTable => ["Art. 72(2) of the Obligations and Contracts Act; Regulation No 1182/71, Art. 3(4); holidays of Art. 154 of the Labour Code", "чл. 72, ал. 2 ЗЗД; чл. 3, параграф 4 от Регламент № 1182/71; празниците по чл. 154 от Кодекса на труда", "ч. 2 ст. 72 Закона об обязательствах и договорах Болгарии; п. 4 ст. 3 Регламента № 1182/71; праздники по ст. 154 Трудового кодекса Болгарии"],
    CalendarMoved => ["Counted on the calendar, the period ends on {counted}, but that is {why}, so it ends on the next working day instead, {last} ({law}).", "По календара срокът свършва на {counted}, но това е {why}, затова той изтича в първия следващ работен ден, {last} ({law}).", "По календарю срок заканчивается {counted}, но это {why}, поэтому он истекает в первый следующий рабочий день, {last} ({law})."],
    CalendarUnsure => ["{government} can also declare other days off or working days: check that {last} is a working day.", "{government} може да обяви и други дни за почивни или работни; проверете дали {last} е работен ден.", "{government} может объявить и другие дни выходными или рабочими; проверьте, что {last} — рабочий день."],
    DayOffSaturday => ["a Saturday", "събота", "суббота"],
    DayOffSunday => ["a Sunday", "неделя", "воскресенье"],
    DayOffHoliday => ["an official holiday (Art. 154(1) of the Labour Code)", "официален празник (чл. 154, ал. 1 от Кодекса на труда)", "официальный праздник (ч. 1 ст. 154 Трудового кодекса Болгарии)"],
    DayOffInPlaceOfHoliday => ["a day off in place of a holiday that fell on a weekend (Art. 154(2) of the Labour Code)", "почивен ден вместо празник, паднал се в събота или неделя (чл. 154, ал. 2 от Кодекса на труда)", "выходной вместо праздника, пришедшегося на субботу или воскресенье (ч. 2 ст. 154 Трудового кодекса Болгарии)"],
    DayOffDecision => ["a day off declared by the Council of Ministers", "почивен ден, обявен от Министерския съвет", "выходной, объявленный Советом министров"],
    LawBgLastDay => ["Art. 72(2) of the Obligations and Contracts Act; Regulation (EEC, Euratom) No 1182/71, Art. 3(4)", "чл. 72, ал. 2 от Закона за задълженията и договорите; чл. 3, параграф 4 от Регламент (ЕИО, Евратом) № 1182/71", "ч. 2 ст. 72 Закона об обязательствах и договорах Болгарии; п. 4 ст. 3 Регламента (ЕЭС, Евратом) № 1182/71"],
    GovernmentBg => ["Bulgaria's Council of Ministers", "Министерският съвет", "Совет министров Болгарии"],
    RateNote => [
        "Prices in {codes} are converted at the fixed rate {rates}: each price once, rounded to the cent. The original prices are those in {written}.",
        "Цените в {codes} са преизчислени по фиксирания курс {rates}: всяка цена веднъж, закръглена до стотните. Оригиналните цени са в {written}.",
        "Цены в {codes} пересчитаны по фиксированному курсу {rates}: каждая цена один раз, с округлением до сотых. Исходные цены — в {written}.",
    ],
    AndSpaced => [" and ", " и ", " и "],
    MsgSmallestSize => ["is not offered: the smallest size is", "не се предлага: най-малкият обем е", "не предоставляется: наименьший объём —"],
    MsgSizeAboveZero => ["Enter a size above zero.", "Въведете обем над нула.", "Введите объём больше нуля."],
    MsgLargestSize => ["is not offered: the largest size is", "не се предлага: най-големият обем е", "не предоставляется: наибольший объём —"],
    MsgWholeLike2 => ["Enter a whole number, such as 2.", "Въведете цяло число, например 2.", "Введите целое число, например 2."],
    MsgOrSpaced => [" or ", " или ", " или "],
    MsgSizeLike250In => ["Enter the size as a number, such as 250, in", "Въведете обема като число, например 250, в", "Введите объём числом, например 250, в"],
    MsgTimeLike => ["Enter the time in hours, such as 2.5, or as 2 h 30 min.", "Въведете времето в часове, например 2,5, или като 2 ч 30 мин.", "Введите время в часах, например 2,5, или как 2 ч 30 мин."],
    MsgOncePerOrder => ["This is charged once per order.", "Това се начислява веднъж на поръчка.", "Это начисляется один раз за заказ."],
    MsgMinutesOverHour => ["Enter minutes from 0 to 59 after the hours, or the whole time in minutes, such as 75 min.", "Въведете минути от 0 до 59 след часовете или цялото време в минути, например 75 мин.", "Введите минуты от 0 до 59 после часов или всё время в минутах, например 75 мин."],
    MsgWhole => ["Enter a whole number.", "Въведете цяло число.", "Введите целое число."],
    MsgAboveZero => ["Enter a number above zero.", "Въведете число над нула.", "Введите число больше нуля."],
    MsgAtMost => ["Enter at most", "Въведете най-много", "Введите не больше"],
    MsgSizeIn => ["Enter the size in", "Въведете обема в", "Введите объём в"],
    NounHour => ["hour|hours|hours|hours", "час|часа|часа|часа", "час|часа|часов|часа"],
    NounMinute => ["minute|minutes|minutes|minutes", "минута|минути|минути|минути", "минута|минуты|минут|минуты"],
    // Bulgarian masculine nouns take their count form after a number: "5 резултата".
    NounResult => ["result|results|results|results", "резултат|резултата|резултата|резултата", "результат|результата|результатов|результата"],
    NounDay => ["day|days|days|days", "ден|дни|дни|дни", "день|дня|дней|дня"],
    NounMonth => ["month|months|months|months", "месец|месеца|месеца|месеца", "месяц|месяца|месяцев|месяца"],
    Free => ["free", "безплатно", "бесплатно"],
    OnRequest => ["price on request", "по договаряне", "цена по запросу"],
    FirstHour => ["first hour", "първи час", "первый час"],
    EachStartedHour => ["each started hour after the first", "всеки започнат час след първия", "каждый начатый час после первого"],
    PerOrder => ["per order", "на поръчка", "за заказ"],
    Total => ["Total", "Общо", "Итого"],
    Subtotal => ["Subtotal", "Междинна сума", "Промежуточный итог"],
    VatIncluded => ["incl. VAT", "вкл. ДДС", "в т. ч. НДС"],
    VatAdded => ["VAT", "ДДС", "НДС"],
    NotPriced => ["Not priced", "Без цена", "Без цены"],
    NotOffered => ["not offered at this size", "не се предлага за този обем", "не предоставляется для этого объёма"],
    Quote => ["Quote", "Оферта", "Расчёт стоимости"],
    Item => ["Service", "Услуга", "Услуга"],
    Price => ["Price", "Цена", "Цена"],
    Quantity => ["Quantity", "Количество", "Количество"],
    PricesIn => ["Prices in", "Цени в", "Цены в"],
    ForReference => ["for reference", "за справка", "для справки"],
    BySize => ["by size", "според обема", "по объёму"],
    UpTo => ["up to", "до", "до"],
    VatExcluded => ["excl. VAT", "без ДДС", "без НДС"],
    #[cfg(feature = "generator")]
    SkipToContent => ["Skip to content", "Към съдържанието", "Перейти к содержанию"],
    #[cfg(feature = "generator")]
    Language => ["Language", "Език", "Язык"],
    #[cfg(feature = "generator")]
    Home => ["Home", "Начало", "Главная"],
    #[cfg(feature = "generator")]
    Sections => ["Sections", "Раздели", "Разделы"],
    #[cfg(feature = "generator")]
    InThisSection => ["In this section", "В този раздел", "В этом разделе"],
    #[cfg(feature = "generator")]
    EveryPageOfSection => ["Every page of this section", "Всички страници в този раздел", "Все страницы этого раздела"],
    #[cfg(feature = "generator")]
    OtherLanguages => ["In other languages", "На други езици", "На других языках"],
    #[cfg(feature = "generator")]
    YouAreHere => ["You are here", "Вие сте тук", "Вы здесь"],
    QuoteCalculator => ["Quote calculator", "Калкулатор на цена", "Калькулятор стоимости"],
    #[cfg(feature = "generator")]
    AllAnswers => ["Every answer and where it leads", "Всички отговори и до какво водят", "Все ответы и к чему они ведут"],
    #[cfg(feature = "generator")]
    NeedsScript => ["The interactive version runs in your browser with JavaScript. Every answer and its outcome is in the table below.", "Интерактивната версия работи в браузъра Ви с JavaScript. Всеки отговор и резултатът от него са в таблицата по-долу.", "Интерактивная версия работает в вашем браузере с JavaScript. Каждый ответ и его результат есть в таблице ниже."],
    #[cfg(feature = "generator")]
    SeePriceList => ["See the price list", "Вижте ценоразписа", "Смотрите прайс-лист"],
    Search => ["Search", "Търсене", "Поиск"],
    SearchTheSite => ["Search the terms and prices", "Търсене в условията и цените", "Поиск по условиям и ценам"],
    NothingFound => ["Nothing found. Try another form of the word, or fewer words.", "Няма намерени резултати. Опитайте с друга форма на думата или с по-малко думи.", "Ничего не найдено. Попробуйте другую форму слова или меньше слов."],
    MoreResults => ["Show more results", "Покажи още резултати", "Показать ещё результаты"],
    #[cfg(feature = "generator")]
    SearchNeedsScript => ["Search runs in your browser with JavaScript. Every page of the site is listed below.", "Търсенето работи в браузъра Ви с JavaScript. Всички страници на сайта са изброени по-долу.", "Поиск работает в вашем браузере с JavaScript. Все страницы сайта перечислены ниже."],
    #[cfg(feature = "generator")]
    SearchNeedsScriptSections => ["Search runs in your browser with JavaScript. The site's sections are listed below, each with its pages.", "Търсенето работи в браузъра Ви с JavaScript. Разделите на сайта са изброени по-долу, всеки със своите страници.", "Поиск работает в вашем браузере с JavaScript. Разделы сайта перечислены ниже, в каждом — его страницы."],
    Searching => ["Searching…", "Търсене…", "Поиск…"],
    SearchOffline => ["Part of the search index is not on this device, and the site cannot be reached: these results may be incomplete. Search again when you are online.", "Част от индекса за търсене не е на това устройство, а сайтът не е достъпен: резултатите може да са непълни. Потърсете отново, когато сте онлайн.", "Части поискового индекса нет на этом устройстве, а сайт недоступен: результаты могут быть неполными. Повторите поиск, когда будете в сети."],
    #[cfg(feature = "generator")]
    KeepOffline => ["Keep these terms on this device ({size})", "Запазете тези условия на това устройство ({size})", "Сохранить эти условия на этом устройстве ({size})"],
    #[cfg(feature = "generator")]
    RemoveOffline => ["Remove these terms from this device ({size})", "Премахнете тези условия от това устройство ({size})", "Удалить эти условия с этого устройства ({size})"],
    #[cfg(feature = "generator")]
    KeptOffline => ["These terms are kept on this device: you can read them offline.", "Тези условия са запазени на това устройство: можете да ги четете без интернет.", "Эти условия сохранены на этом устройстве: их можно читать без интернета."],
    #[cfg(feature = "generator")]
    KeepingOffline => ["Saving…", "Запазване…", "Сохранение…"],
    #[cfg(feature = "generator")]
    KeepFailed => ["They could not be saved: check the connection and try again.", "Не можаха да бъдат запазени: проверете връзката и опитайте отново.", "Не удалось сохранить: проверьте подключение и попробуйте снова."],
    #[cfg(feature = "generator")]
    AllPages => ["All pages", "Всички страници", "Все страницы"],
    NothingPriced => ["Nothing in this order has a price, so there is no total:", "Нищо в тази поръчка няма цена, затова няма обща сума:", "Ни у чего в этом заказе нет цены, поэтому итога нет:"],
    Find => ["Find a service", "Намерете услуга", "Найдите услугу"],
    FindHint => ["Type part of a name, such as “diagnostics”.", "Въведете част от името, например „диагностика“.", "Введите часть названия, например «диагностика»."],
    NoMatch => ["No service matches.", "Няма услуга с такова име.", "Нет услуги с таким названием."],
    Add => ["Add", "Добави", "Добавить"],
    Remove => ["Remove", "Премахни", "Удалить"],
    Empty => ["No services added yet.", "Все още няма добавени услуги.", "Услуги ещё не добавлены."],
    Size => ["Size", "Обем", "Объём"],
    Unit => ["Unit", "Мерна единица", "Единица"],
    Duration => ["Time", "Време", "Время"],
    DurationHint => ["in hours, such as 2.5, or as 2 h 30 min", "в часове, например 2,5, или като 2 ч 30 мин", "в часах, например 2,5, или как 2 ч 30 мин"],
    Incomplete => ["The quote is incomplete: no total is shown until these lines are corrected.", "Офертата е непълна: обща сума няма да се покаже, докато не поправите тези редове.", "Расчёт неполный: итог не показывается, пока эти строки не исправлены."],
    Link => ["Link to this quote", "Връзка към тази оферта", "Ссылка на этот расчёт"],
    Share => ["Share", "Сподели", "Поделиться"],
    ShareFailed => ["Sharing failed: copy the quote as text instead.", "Споделянето не успя: копирайте офертата като текст.", "Не удалось поделиться: скопируйте расчёт текстом."],
    Amount => ["Amount", "Сума", "Сумма"],
    Options => ["Options for the whole order", "Опции за цялата поръчка", "Опции для всего заказа"],
    Print => ["Print the quote", "Отпечатай офертата", "Распечатать расчёт"],
    Copy => ["Copy as text", "Копирай като текст", "Скопировать текстом"],
    Copied => ["The quote was copied.", "Офертата е копирана.", "Расчёт скопирован."],
    CopyFailed => ["Copying failed: select the quote and copy it by hand.", "Копирането не успя: маркирайте офертата и я копирайте ръчно.", "Не удалось скопировать: выделите расчёт и скопируйте вручную."],
    Date => ["Date", "Дата", "Дата"],
    Terms => ["Terms", "Условия", "Условия"],
    Added => ["Added", "Добавено", "Добавлено"],
    Removed => ["Removed", "Премахнато", "Удалено"],
    From => ["from", "от", "от"],
    UnknownInLink => ["The link named services that are not in this price list, and they were left out:", "Връзката съдържа услуги, които не са в този ценоразпис, и те бяха пропуснати:", "В ссылке есть услуги, которых нет в этом прайс-листе; они пропущены:"],
    Wizard => ["Questions", "Въпроси", "Вопросы"],
    Back => ["Back", "Назад", "Назад"],
    Continue => ["Continue", "Продължи", "Продолжить"],
    Problem => ["There is a problem", "Има проблем", "Есть проблема"],
    NeedDate => ["Enter a real date: day, month and year, such as 1 11 2026.", "Въведете истинска дата: ден, месец и година, например 1 11 2026.", "Введите настоящую дату: день, месяц и год, например 1 11 2026."],
    NeedNumber => ["Enter a number.", "Въведете число.", "Введите число."],
    NeedSome => ["Select at least one option, or “None of these”.", "Изберете поне една възможност или „Нито едно от изброените“.", "Выберите хотя бы один вариант или «Ничего из перечисленного»."],
    NeedChoice => ["Select an answer.", "Изберете отговор.", "Выберите ответ."],
    Or => ["or", "или", "или"],
    CheckAnswers => ["Check your answers", "Проверете отговорите си", "Проверьте ответы"],
    Change => ["Change", "Промени", "Изменить"],
    Reasons => ["Why", "Защо", "Почему"],
    NextSteps => ["What to do next", "Какво да направите", "Что делать дальше"],
    Services => ["The services", "Услугите", "Услуги"],
    ForYou => ["For you", "За вас", "Для вас"],
    Sources => ["Where this comes from", "Откъде е това", "Откуда это"],
    SeeQuote => ["See the quote", "Вижте офертата", "Посмотреть расчёт"],
    StartAgain => ["Start again", "Започнете отначало", "Начать заново"],
    Day => ["Day", "Ден", "День"],
    Month => ["Month", "Месец", "Месяц"],
    Year => ["Year", "Година", "Год"],
    #[cfg(feature = "generator")]
    Paths => ["Ways to this outcome", "Пътища до този резултат", "Варианты, ведущие к этому результату"],
    #[cfg(feature = "generator")]
    Number => ["#", "№", "№"],
    #[cfg(feature = "generator")]
    Answers => ["Your answers", "Вашите отговори", "Ваши ответы"],
    #[cfg(feature = "generator")]
    WhatToDo => ["What to do", "Какво да направите", "Что делать"],
    #[cfg(feature = "generator")]
    Costs => ["Possible costs", "Възможни разходи", "Возможные расходы"],
    #[cfg(feature = "generator")]
    TableServices => ["Services", "Услуги", "Услуги"],
    #[cfg(feature = "generator")]
    AnyAnswer => ["any answer", "всеки отговор", "любой ответ"],
    #[cfg(feature = "generator")]
    NoneOf => ["none of:", "нищо от:", "ничего из:"],
    #[cfg(feature = "generator")]
    DaysBetween => ["{min} to {max} days before today", "от {min} до {max} дни преди днес", "от {min} до {max} дней назад"],
    #[cfg(feature = "generator")]
    DaysOrMore => ["{min} or more days before today", "{min} или повече дни преди днес", "{min} и более дней назад"],
    #[cfg(feature = "generator")]
    PeriodOpen => ["the period ({n}) has not ended yet", "срокът ({n}) още не е изтекъл", "срок ({n}) ещё не истёк"],
    #[cfg(feature = "generator")]
    PeriodOver => ["the period ({n}) has ended", "срокът ({n}) е изтекъл", "срок ({n}) истёк"],
    #[cfg(feature = "generator")]
    Moved => ["; when that day is a Saturday, a Sunday or a public holiday, the next working day ({law})", "; когато този ден е събота, неделя или официален празник — първият следващ работен ден ({law})", "; если этот день — суббота, воскресенье или праздник, — следующий рабочий день ({law})"],
    #[cfg(feature = "generator")]
    Between => ["{min} to {max}", "от {min} до {max}", "от {min} до {max}"],
    #[cfg(feature = "generator")]
    OrMore => ["{min} or more", "{min} или повече", "{min} и более"],
    #[cfg(feature = "generator")]
    AtMost => ["at most {max}", "най-много {max}", "не более {max}"],
    #[cfg(feature = "generator")]
    FromToday => ["{n} from today", "{n} от днес", "{n} от сегодняшнего дня"],
    #[cfg(feature = "generator")]
    AfterAnswer => ["{n} after the answer to “{q}”", "{n} след отговора на „{q}“", "{n} после ответа на вопрос «{q}»"],
    StatusFree => ["free for you", "безплатно за вас", "бесплатно для вас"],
    StatusConfirm => ["confirm with the service centre", "уточнете в сервиза", "уточните в сервисном центре"],
    StatusNotFree => ["not free for you", "не е безплатно за вас", "не бесплатно для вас"],
    StatusNotApplicable => ["not applicable", "не се прилага", "не применяется"],
    Yes => ["yes", "да", "да"],
    No => ["no", "не", "нет"],
    #[cfg(feature = "generator")]
    Dates => ["Dates", "Дати", "Даты"],
    #[cfg(feature = "generator")]
    AnswerWith => ["Answer {id}", "Отговор на {id}", "Ответ на {id}"],
    Question => ["Question", "Въпрос", "Вопрос"],
    // Prices in time (issue 19): a quote priced as of a day, in the CLI and the app.
    PricesAsOf => ["Prices as of {date}", "Цени към {date}", "Цены на {date}"],
    ValidUntil => ["valid until {date}", "валидна до {date}", "действителен до {date}"],
    WithdrawnSince => ["no longer offered since {date}", "не се предлага от {date}", "не предоставляется с {date}"],
    AtTodaysPrices => ["At today's prices the total is {total}:", "По днешните цени общата сума е {total}:", "По сегодняшним ценам итог составляет {total}:"],
    ChangedThenNow => ["{item}: {then} on {date}, {now} today", "{item}: {then} на {date}, {now} днес", "{item}: {then} на {date}, {now} сегодня"],
    ChangedNotToday => ["{item}: {then} on {date}, not offered today", "{item}: {then} на {date}, днес не се предлага", "{item}: {then} на {date}, сегодня не предоставляется"],
    QuoteLapsed => ["This quote was made on {date}; its prices held until {until} and have lapsed. These are today's prices.", "Тази оферта е от {date}; цените ѝ бяха валидни до {until} и са изтекли. Това са днешните цени.", "Этот расчёт сделан {date}; его цены действовали до {until} и истекли. Это сегодняшние цены."],
    #[cfg(feature = "generator")]
    PricesApplyFrom => ["These prices apply from {date}.", "Тези цени са в сила от {date}.", "Эти цены действуют с {date}."],
    #[cfg(feature = "generator")]
    FromDate => ["From {date}", "От {date}", "С {date}"],
    #[cfg(feature = "generator")]
    PriceChanges => ["Price changes", "Промени в цените", "Изменения цен"],
    #[cfg(feature = "generator")]
    PriceChangesOf => ["Every change of “{list}”: its date, and the price before and after it.", "Всички промени в „{list}“: датата и цената преди и след всяка.", "Все изменения в «{list}»: дата, цена до и после каждого."],
    #[cfg(feature = "generator")]
    Before => ["Before", "Преди", "Было"],
    #[cfg(feature = "generator")]
    After => ["After", "След", "Стало"],
    #[cfg(feature = "generator")]
    NewService => ["new service", "нова услуга", "новая услуга"],
    #[cfg(feature = "generator")]
    NoLongerOffered => ["no longer offered", "вече не се предлага", "больше не предоставляется"],
    #[cfg(feature = "generator")]
    Formerly => ["formerly “{name}”", "преди „{name}“", "ранее «{name}»"],
    #[cfg(feature = "generator")]
    NoChanges => ["No price changes in this period.", "Няма промени в цените за този период.", "За этот период цены не менялись."],
}

/// A word in `lang`; English where tarif does not speak `lang`.
///
/// ```
/// use tarif_engine::locale::{word, Word};
/// use tarif_engine::text::Lang;
/// assert_eq!(word(&Lang::new("bg").unwrap(), Word::OnRequest), "по договаряне");
/// ```
/// `w` in capitals, as a plain-text quote writes its total. tarif's words are ASCII or
/// Cyrillic, so this maps those two alphabets alone and the WASM app carries no Unicode
/// case table (12 KB) for one word; a test checks it against `str::to_uppercase` for every
/// word in every language.
pub fn word_caps(lang: &Lang, w: Word) -> String {
    word(lang, w)
        .chars()
        .map(|c| match c {
            'a'..='z' => c.to_ascii_uppercase(),
            'а'..='я' => char::from_u32(u32::from(c) - 0x20).unwrap_or(c),
            'ѐ'..='џ' => char::from_u32(u32::from(c) - 0x50).unwrap_or(c),
            c => c,
        })
        .collect()
}

pub fn word(lang: &Lang, w: Word) -> &'static str {
    word_in(column(lang), w)
}

/// The column of `lang` in the catalogue: English's where tarif does not speak `lang` (a
/// site may be written in any language; its interface words are then English).
pub fn column(lang: &Lang) -> usize {
    LANGUAGES
        .iter()
        .position(|l| *l == lang.as_str())
        .unwrap_or(0)
}

/// A word in the language of catalogue column `column` (from [`column`]).
pub fn word_in(column: usize, w: Word) -> &'static str {
    CATALOGUE[w as usize][column]
}

/// A language's name in that language, as a language switcher shows it: "Български".
///
/// ```
/// use tarif_engine::locale::language_name;
/// use tarif_engine::text::Lang;
/// assert_eq!(language_name(&Lang::new("ru").unwrap()), "Русский");
/// assert_eq!(language_name(&Lang::new("kk").unwrap()), "kk");
/// ```
pub fn language_name(lang: &Lang) -> &str {
    match lang.as_str() {
        "en" => "English",
        "bg" => "Български",
        "ru" => "Русский",
        other => other,
    }
}

/// The plural category of `n` in `lang` (CLDR rules for ru, bg and en).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    One,
    Few,
    Many,
    Other,
}

/// ```
/// use rust_decimal::Decimal;
/// use tarif_engine::locale::{plural, Plural};
/// use tarif_engine::text::Lang;
/// let ru = Lang::new("ru").unwrap();
/// assert_eq!(plural(&ru, Decimal::from(21)), Plural::One);
/// assert_eq!(plural(&ru, Decimal::from(22)), Plural::Few);
/// assert_eq!(plural(&ru, Decimal::from(11)), Plural::Many);
/// ```
pub fn plural(lang: &Lang, n: Decimal) -> Plural {
    if !n.fract().is_zero() {
        return Plural::Other; // "2,5 часа", "2.5 hours"
    }
    let n = n.abs().trunc();
    // The last one and two digits of the whole number (read from its digits: the app
    // then needs no decimal remainder).
    let whole = n.normalize().to_string();
    let mod10 = &whole[whole.len() - 1..];
    let mod100 = whole[whole.len().saturating_sub(2)..].trim_start_matches('0');
    match lang.as_str() {
        "ru" => match (mod10, mod100) {
            ("1", m) if m != "11" => Plural::One,
            ("2" | "3" | "4", m) if !["12", "13", "14"].contains(&m) => Plural::Few,
            _ => Plural::Many,
        },
        _ if n == Decimal::ONE => Plural::One,
        _ => Plural::Other,
    }
}

/// A countable noun of tarif's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    Hour,
    Minute,
    /// A search result.
    Result,
    Day,
    Month,
}

/// `n` with its noun in the right form: "1 час", "2 часа", "5 часов", "2,5 часа".
///
/// ```
/// use rust_decimal::Decimal;
/// use tarif_engine::locale::{counted, Noun};
/// use tarif_engine::text::Lang;
/// let ru = Lang::new("ru").unwrap();
/// assert_eq!(counted(&ru, Decimal::from(5), Noun::Hour), "5 часов");
/// ```
pub fn counted(lang: &Lang, n: Decimal, noun: Noun) -> String {
    let forms = word(
        lang,
        match noun {
            Noun::Hour => Word::NounHour,
            Noun::Minute => Word::NounMinute,
            Noun::Result => Word::NounResult,
            Noun::Day => Word::NounDay,
            Noun::Month => Word::NounMonth,
        },
    );
    // A noun's row holds its forms for one, few, many and other, split by `|`.
    let index = match plural(lang, n) {
        Plural::One => 0,
        Plural::Few => 1,
        Plural::Many => 2,
        Plural::Other => 3,
    };
    let form = forms.split('|').nth(index).unwrap_or(forms);
    format!("{} {form}", number(lang, n))
}

/// A duration of `minutes` in words: "2 часа 30 минути", "1 hour".
pub fn duration(lang: &Lang, minutes: Decimal) -> String {
    let hours = (minutes / Decimal::from(60)).trunc();
    let rest = (minutes - hours * Decimal::from(60)).normalize();
    match (hours.is_zero(), rest.is_zero()) {
        (false, true) => counted(lang, hours, Noun::Hour),
        (true, _) => counted(lang, rest, Noun::Minute),
        (false, false) => format!(
            "{} {}",
            counted(lang, hours, Noun::Hour),
            counted(lang, rest, Noun::Minute)
        ),
    }
}

/// A plain number with the language's decimal mark ("2,5" in ru and bg).
pub fn number(lang: &Lang, n: Decimal) -> String {
    let text = n.normalize().to_string();
    match lang.as_str() {
        "en" => text,
        _ => text.replace('.', ","),
    }
}

/// Money as people in `lang` write it: `25,56 €` and `50,00 лв.` in bg, `€25.56` in en,
/// `1 234,00 ₸` in ru (thousands grouped, two decimals, half-up).
///
/// ```
/// use tarif_engine::locale::money;
/// use tarif_engine::money::Money;
/// use tarif_engine::text::Lang;
/// let m = Money { amount: "1234.5".parse().unwrap(), currency: "EUR".parse().unwrap() };
/// assert_eq!(money(&Lang::new("bg").unwrap(), m), "1\u{a0}234,50\u{a0}€");
/// assert_eq!(money(&Lang::new("en").unwrap(), m), "€1,234.50");
/// ```
pub fn money(lang: &Lang, m: Money) -> String {
    let cents = rounding::to_cents_string(m.amount);
    let (sign, digits) = cents
        .strip_prefix('-')
        .map_or(("", cents.as_str()), |d| ("-", d));
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, "00"));
    let (group, mark) = if lang.as_str() == "en" {
        (",", ".")
    } else {
        ("\u{a0}", ",")
    };
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push_str(group);
        }
        grouped.push(c);
    }
    let amount = format!("{sign}{grouped}{mark}{frac}");
    let code = m.currency.code();
    match (lang.as_str(), code) {
        ("en", "EUR") => format!("{sign}€{grouped}{mark}{frac}"),
        ("en", _) => format!("{amount} {code}"),
        (_, "EUR") => format!("{amount}\u{a0}€"),
        ("bg", "BGN") => format!("{amount}\u{a0}лв."),
        ("ru", "KZT") => format!("{amount}\u{a0}₸"),
        _ => format!("{amount}\u{a0}{code}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Lang {
        Lang::new(tag).unwrap()
    }

    #[test]
    fn russian_hours_take_three_forms() {
        let ru = lang("ru");
        let cases = [
            (1, "1 час"),
            (2, "2 часа"),
            (4, "4 часа"),
            (5, "5 часов"),
            (11, "11 часов"),
            (12, "12 часов"),
            (21, "21 час"),
            (22, "22 часа"),
            (25, "25 часов"),
            (111, "111 часов"),
        ];
        for (n, text) in cases {
            assert_eq!(counted(&ru, Decimal::from(n), Noun::Hour), text);
        }
        assert_eq!(counted(&ru, "2.5".parse().unwrap(), Noun::Hour), "2,5 часа");
    }

    #[test]
    fn search_results_are_counted_in_each_language() {
        let n =
            |lang: &str, n: i64| counted(&self::tests::lang(lang), Decimal::from(n), Noun::Result);
        assert_eq!(n("ru", 1), "1 результат");
        assert_eq!(n("ru", 3), "3 результата");
        assert_eq!(n("ru", 11), "11 результатов");
        assert_eq!(n("ru", 21), "21 результат");
        assert_eq!(n("bg", 1), "1 резултат");
        assert_eq!(n("bg", 7), "7 резултата");
        assert_eq!(n("en", 1), "1 result");
        assert_eq!(n("en", 0), "0 results");
    }

    #[test]
    fn bulgarian_and_english_hours_take_two() {
        assert_eq!(counted(&lang("bg"), Decimal::ONE, Noun::Hour), "1 час");
        assert_eq!(counted(&lang("bg"), Decimal::from(2), Noun::Hour), "2 часа");
        assert_eq!(counted(&lang("bg"), Decimal::from(5), Noun::Hour), "5 часа");
        assert_eq!(counted(&lang("en"), Decimal::ONE, Noun::Hour), "1 hour");
        assert_eq!(
            counted(&lang("en"), Decimal::from(21), Noun::Hour),
            "21 hours"
        );
    }

    #[test]
    fn durations_in_words() {
        assert_eq!(
            duration(&lang("bg"), Decimal::from(150)),
            "2 часа 30 минути"
        );
        assert_eq!(duration(&lang("ru"), Decimal::from(60)), "1 час");
        assert_eq!(duration(&lang("en"), Decimal::from(45)), "45 minutes");
        assert_eq!(duration(&lang("ru"), Decimal::from(61)), "1 час 1 минута");
    }

    #[test]
    fn money_per_language() {
        let m = |a: &str, c: &str| Money {
            amount: a.parse().unwrap(),
            currency: c.parse().unwrap(),
        };
        assert_eq!(money(&lang("bg"), m("25.56", "EUR")), "25,56\u{a0}€");
        assert_eq!(money(&lang("bg"), m("50", "BGN")), "50,00\u{a0}лв.");
        assert_eq!(money(&lang("en"), m("50", "BGN")), "50.00 BGN");
        assert_eq!(
            money(&lang("ru"), m("1234567", "KZT")),
            "1\u{a0}234\u{a0}567,00\u{a0}₸"
        );
        assert_eq!(money(&lang("en"), m("-5", "EUR")), "-€5.00");
        assert_eq!(money(&lang("en"), m("999.995", "EUR")), "€1,000.00");
    }

    #[test]
    fn words_in_capitals_are_the_unicode_capitals() {
        for &w in Word::ALL {
            for l in ["en", "bg", "ru"] {
                let l = lang(l);
                assert_eq!(word_caps(&l, w), word(&l, w).to_uppercase(), "{w:?} in {l}");
            }
        }
        assert_eq!(word_caps(&lang("ru"), Word::Total), "ИТОГО");
    }

    #[test]
    fn every_word_is_translated() {
        // Every row has a text in each language: none empty, and the Bulgarian and
        // Russian ones in Cyrillic unless the word is a symbol ("#", "№").
        for &w in Word::ALL {
            let en = word(&lang("en"), w);
            assert!(!en.trim().is_empty(), "{w:?} has no English");
            let symbol = !en.chars().any(char::is_alphabetic);
            for l in ["bg", "ru"] {
                let t = word(&lang(l), w);
                assert!(!t.trim().is_empty(), "{w:?} has no text in {l}");
                if symbol {
                    continue;
                }
                assert_ne!(t, en, "{w:?} in {l}");
                assert!(
                    t.chars()
                        .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap())),
                    "{w:?} in {l} is not Cyrillic: {t}"
                );
            }
        }
        assert_eq!(Word::ALL.len(), CATALOGUE.len());
        assert_eq!(LANGUAGES.len(), CATALOGUE[0].len());
    }
}
