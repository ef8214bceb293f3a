// Every string the page shows, in Arabic (first) and English. Data from
// the store (titles, bodies, place and actor names) is never translated here.

export const STRINGS = {
  ar: {
    app_name: "راصد",
    tagline: "حوادث العنف في سوريا والعراق كما ترويها الأخبار العربية",
    search: "بحث",
    search_placeholder: "ابحث في نصوص الأخبار… (مثال: الحويجة، داعش)",
    country: "البلد",
    event_type: "نوع الحدث",
    min_fatalities: "أدنى عدد قتلى",
    all: "الكل",
    clear_range: "إلغاء تحديد الفترة",
    range: "الفترة: {0} – {1}",
    map: "الخريطة",
    rising: "نشاط متصاعد",
    timeline: "الخط الزمني",
    timeline_hint: "(حوادث كل أسبوع حسب النوع؛ اسحب لتحديد فترة)",
    incidents: "الحوادث",
    details: "التفاصيل",
    pick_incident: "اختر حادثة من الجدول أو الخريطة لعرض مصادرها والجملة التي استُخرجت منها.",
    prev: "السابق",
    next: "التالي",
    page: "{0}–{1} من {2}",
    date: "التاريخ",
    type: "النوع",
    subtype: "النوع الفرعي",
    location: "المكان",
    admin1: "المحافظة",
    actors: "الأطراف",
    fatalities: "القتلى",
    injuries: "الجرحى",
    sources: "المصادر",
    confidence: "الثقة",
    week_count: "هذا الأسبوع",
    baseline_mean: "متوسط الأساس",
    p_value: "قيمة p",
    history: "الأسابيع",
    alerts_test: "اختبار بواسون للذيل الأعلى: لكل محافظة ونوع حدث نقارن عدد حوادث الأسبوع الذي يبدأ في {0} بما سبقه من {1} أسابيع (خط الأساس). يُعدّ النشاط متصاعدًا إذا كانت قيمة p أقل من {2} وكان العدد فوق متوسط الأساس.",
    alerts_none: "لا حوادث مؤرخة في المخزن.",
    rising_yes: "متصاعد",
    evidence: "الجملة الدالة",
    open_document: "النص الكامل",
    published: "تاريخ النشر",
    outlet: "المصدر",
    reports: "عدد التقارير {0}، والقصص المستقلة {1}",
    search_results: "نتائج البحث عن «{0}»",
    no_results: "لا نتائج.",
    matched_by_mention: "عُثر عليه عبر اسم آخر للكيان نفسه",
    keys_place: "مكان", keys_actor: "طرف مسلح", keys_person: "شخص", keys_org: "منظمة",
    keys_evidence: "الجملة الدالة", keys_trigger: "كلمة الحدث", keys_hit: "كلمة البحث",
    loading: "جارٍ التحميل…",
    error: "خطأ: {0}",
    shown: "{0} حادثة على الخريطة",
    unknown: "—",
    footer: "راصد: يقرأ الأخبار العربية ويرمّز الحوادث وفق تصنيف ACLED. الحدود: Natural Earth.",
    back: "رجوع إلى الحادثة",
  },
  en: {
    app_name: "Rasid",
    tagline: "Violent incidents in Syria and Iraq as Arabic news reports them",
    search: "Search",
    search_placeholder: "Search the news text… (e.g. الحويجة, داعش)",
    country: "Country",
    event_type: "Event type",
    min_fatalities: "Min. fatalities",
    all: "All",
    clear_range: "Clear period",
    range: "Period: {0} – {1}",
    map: "Map",
    rising: "Rising activity",
    timeline: "Timeline",
    timeline_hint: "(incidents per week by type; drag to select a period)",
    incidents: "Incidents",
    details: "Details",
    pick_incident: "Pick an incident in the table or on the map to see its sources and the sentence it was read from.",
    prev: "Previous",
    next: "Next",
    page: "{0}–{1} of {2}",
    date: "Date",
    type: "Type",
    subtype: "Sub-type",
    location: "Place",
    admin1: "Governorate",
    actors: "Actors",
    fatalities: "Killed",
    injuries: "Injured",
    sources: "Sources",
    confidence: "Confidence",
    week_count: "This week",
    baseline_mean: "Baseline mean",
    p_value: "p-value",
    history: "Weeks",
    alerts_test: "Poisson upper-tail test: for each governorate and event type, the incidents of the week starting {0} against the {1} weeks before it (the baseline). Rising when p < {2} and the count is above the baseline mean.",
    alerts_none: "No dated incidents in the store.",
    rising_yes: "rising",
    evidence: "Evidence",
    open_document: "Full text",
    published: "Published",
    outlet: "Outlet",
    reports: "{0} reports, {1} independent stories",
    search_results: "Results for “{0}”",
    no_results: "No results.",
    matched_by_mention: "found through another name of the same entity",
    keys_place: "place", keys_actor: "armed actor", keys_person: "person", keys_org: "organisation",
    keys_evidence: "evidence", keys_trigger: "event word", keys_hit: "search word",
    loading: "Loading…",
    error: "Error: {0}",
    shown: "{0} incidents on the map",
    unknown: "—",
    footer: "Rasid reads Arabic news and codes incidents in the ACLED taxonomy. Boundaries: Natural Earth.",
    back: "Back to the incident",
  },
};

export const EVENT_TYPES = {
  "Battles": { ar: "معارك", color: "#d62728" },
  "Explosions/Remote violence": { ar: "تفجيرات وعنف عن بعد", color: "#ff7f0e" },
  "Violence against civilians": { ar: "عنف ضد المدنيين", color: "#9467bd" },
  "Protests": { ar: "احتجاجات", color: "#2ca02c" },
  "Riots": { ar: "أعمال شغب", color: "#8c564b" },
  "Strategic developments": { ar: "تطورات استراتيجية", color: "#1f77b4" },
};

export const SUB_TYPES = {
  "Armed clash": "اشتباك مسلح",
  "Government regains territory": "استعادة الحكومة أراضي",
  "Non-state actor overtakes territory": "سيطرة جهة غير حكومية على أراضٍ",
  "Chemical weapon": "سلاح كيميائي",
  "Air/drone strike": "غارة جوية أو بطائرة مسيّرة",
  "Suicide bomb": "تفجير انتحاري",
  "Shelling/artillery/missile attack": "قصف مدفعي أو صاروخي",
  "Remote explosive/landmine/IED": "عبوة ناسفة أو لغم",
  "Grenade": "قنبلة يدوية",
  "Sexual violence": "عنف جنسي",
  "Attack": "اعتداء",
  "Abduction/forced disappearance": "خطف أو إخفاء قسري",
  "Peaceful protest": "احتجاج سلمي",
  "Protest with intervention": "احتجاج مع تدخل أمني",
  "Excessive force against protesters": "قوة مفرطة ضد المحتجين",
  "Violent demonstration": "تظاهرة عنيفة",
  "Mob violence": "عنف جماعي",
  "Agreement": "اتفاق",
  "Arrests": "اعتقالات",
  "Change to group/activity": "تغيّر في الجماعة أو نشاطها",
  "Disrupted weapons use": "إحباط استخدام أسلحة",
  "Headquarters or base established": "إنشاء مقر أو قاعدة",
  "Looting/property destruction": "نهب أو تدمير ممتلكات",
  "Non-violent transfer of territory": "انتقال أراضٍ دون قتال",
  "Other": "أخرى",
};

export const COUNTRIES = {
  IQ: { ar: "العراق", en: "Iraq" }, SY: { ar: "سوريا", en: "Syria" },
  EG: { ar: "مصر", en: "Egypt" }, SA: { ar: "السعودية", en: "Saudi Arabia" },
  JO: { ar: "الأردن", en: "Jordan" }, LB: { ar: "لبنان", en: "Lebanon" },
  TR: { ar: "تركيا", en: "Turkey" }, IR: { ar: "إيران", en: "Iran" },
  KW: { ar: "الكويت", en: "Kuwait" }, LY: { ar: "ليبيا", en: "Libya" },
  YE: { ar: "اليمن", en: "Yemen" }, AF: { ar: "أفغانستان", en: "Afghanistan" },
};

/** The string `key` in `lang`, with {0}, {1}… replaced by `args`. */
export function t(lang, key, ...args) {
  const s = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  // Each value is a first-strong isolate, so a date or a number keeps its own
  // direction inside Arabic text (2023-02-13 does not turn into 13-02-2023).
  return s.replace(/\{(\d)\}/g, (_, i) => "\u2068" + String(args[Number(i)] ?? "") + "\u2069");
}

export function typeLabel(lang, type) {
  return lang === "ar" ? (EVENT_TYPES[type]?.ar ?? SUB_TYPES[type] ?? type) : type;
}

export function typeColor(type) {
  return EVENT_TYPES[type]?.color ?? "#555";
}

export function countryLabel(lang, code) {
  return COUNTRIES[code]?.[lang] ?? code;
}
