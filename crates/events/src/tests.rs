//! Table-driven tests of event coding over our own Arabic sentences: each
//! sub-event type, non-events (trends, threats, plans, negation), actor
//! roles, merging and several towns. Each case runs the real earlier stages
//! (text layer and resolution) on its text, as `rasid extract` does.

use super::*;
use rasid_resolve::{actors, places};

/// The reference date every case is read against (a Friday).
const REFERENCE: &str = "2024-03-15";

/// Runs the stages before event coding on `body` and codes it.
fn code(body: &str) -> (Vec<Incident>, Vec<ActorMention>, Vec<PlaceMention>) {
    let reference: jiff::civil::Date = REFERENCE.parse().unwrap();
    let tokens = rasid_text::tokens::tokenize(body);
    let sentences = rasid_text::sentences::sentences(body);
    let dates = rasid_text::dates::find_dates(body, Some(reference));
    let counts = rasid_text::counts::find_counts(body);
    let actors = actors::find_actors(body, &tokens);
    let claimed: Vec<(usize, usize)> = actors.iter().map(|a| (a.start, a.end)).collect();
    let places = places::find_places(body, &tokens, &claimed);
    let incidents = code_events(&Reading {
        body,
        tokens: &tokens,
        sentences: &sentences,
        places: &places,
        actors: &actors,
        dates: &dates,
        counts: &counts,
        reference_date: Some(reference),
    });
    (incidents, actors, places)
}

fn slice(body: &str, (s, e): (usize, usize)) -> String {
    body.chars().skip(s).take(e - s).collect()
}

/// text → the (event_type, sub_event_type) of every event coded, in order.
const TYPES: &[(&str, &[(&str, &str)])] = &[
    // Battles
    (
        "هاجم مسلحون من تنظيم داعش نقطة للجيش العراقي قرب قضاء الحويجة مساء الخميس، ما أسفر عن مقتل جنديين.",
        &[("Battles", "Armed clash")],
    ),
    (
        "اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية ومسلحي تنظيم داعش في بلدة الشحيل فجر الأربعاء.",
        &[("Battles", "Armed clash")],
    ),
    (
        "استعادت القوات العراقية السيطرة على بلدة القيارة جنوب الموصل يوم الأحد بعد معارك مع مسلحي التنظيم.",
        &[("Battles", "Government regains territory")],
    ),
    (
        "سيطر مسلحو تنظيم داعش على بلدة السخنة في بادية حمص فجر الخميس.",
        &[("Battles", "Non-state actor overtakes territory")],
    ),
    // Explosions/Remote violence
    (
        "قتل ثلاثة مدنيين بانفجار عبوة ناسفة على طريق زراعي شرق بعقوبة صباح الأحد.",
        &[(
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        )],
    ),
    (
        "شنت طائرات التحالف الدولي غارة جوية على مخبأ لتنظيم داعش في وادي حوران يوم الثلاثاء.",
        &[("Explosions/Remote violence", "Air/drone strike")],
    ),
    (
        "سقطت قذائف هاون على حي سكني في مدينة تلعفر مساء الاثنين، ما أدى إلى إصابة أربعة مدنيين.",
        &[(
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        )],
    ),
    (
        "قتل سبعة أشخاص بتفجير انتحاري استهدف سوقاً شعبياً في بلدة الشدادي ظهر السبت.",
        &[("Explosions/Remote violence", "Suicide bomb")],
    ),
    (
        "ألقى مجهولون قنبلة يدوية على محل تجاري في مدينة الرمادي، ما أسفر عن إصابة شخصين.",
        &[("Explosions/Remote violence", "Grenade")],
    ),
    (
        "استهدفت طائرة مسيرة سيارة تقل عناصر من حزب العمال الكردستاني قرب سنجار ظهر الأربعاء.",
        &[("Explosions/Remote violence", "Air/drone strike")],
    ),
    // Violence against civilians
    (
        "أعدم تنظيم داعش رجلين بتهمة التخابر في بلدة هجين بريف دير الزور الشرقي يوم الاثنين.",
        &[("Violence against civilians", "Attack")],
    ),
    (
        "قتل أربعة من رعاة الأغنام برصاص مسلحين مجهولين في بادية السماوة ليلة الأحد.",
        &[("Violence against civilians", "Attack")],
    ),
    (
        "اختطف مسلحون مجهولون طبيباً من عيادته في مدينة الموصل مساء الأربعاء.",
        &[(
            "Violence against civilians",
            "Abduction/forced disappearance",
        )],
    ),
    // Protests and riots
    (
        "تظاهر مئات من أهالي مدينة الرقة أمام مبنى المجلس المحلي يوم الأحد للمطالبة بتحسين الخدمات.",
        &[("Protests", "Peaceful protest")],
    ),
    (
        "فرقت قوات الأمن بالغاز المسيل للدموع تظاهرة لطلاب جامعيين في مدينة السليمانية يوم الاثنين.",
        &[("Protests", "Protest with intervention")],
    ),
    (
        "أطلقت قوات الأمن الرصاص الحي على المتظاهرين في مدينة الكوت يوم الثلاثاء، ما أدى إلى مقتل متظاهرين اثنين.",
        &[("Protests", "Excessive force against protesters")],
    ),
    (
        "أحرق المحتجون مبنى مجلس المحافظة في مدينة الناصرية يوم السبت.",
        &[("Riots", "Violent demonstration")],
    ),
    // Strategic developments
    (
        "اعتقلت قوات الأمن العراقية خمسة مشتبهين بالانتماء إلى تنظيم داعش في مدينة الفلوجة يوم الثلاثاء.",
        &[("Strategic developments", "Arrests")],
    ),
    (
        "فككت فرق الهندسة عبوة ناسفة زرعت على طريق في قضاء الطارمية يوم الخميس.",
        &[("Strategic developments", "Disrupted weapons use")],
    ),
    (
        "أنشأ الجيش التركي، الاثنين، نقطة عسكرية جديدة قرب مدينة سراقب.",
        &[("Strategic developments", "Headquarters or base established")],
    ),
    (
        "دخلت وحدات من الجيش السوري إلى مدينة الرستن دون قتال يوم الأحد.",
        &[(
            "Strategic developments",
            "Non-violent transfer of territory",
        )],
    ),
    (
        "أعلن تنظيم داعش يوم الخميس تعيين زعيم جديد له.",
        &[("Strategic developments", "Change to group/activity")],
    ),
    (
        "أعلن فريق الطب العدلي العثور على مقبرة جماعية في قضاء سنجار يوم الاثنين.",
        &[("Strategic developments", "Other")],
    ),
    (
        "أضرم مسلحون من تنظيم داعش النار في حقول القمح في قضاء الدبس مساء السبت.",
        &[("Strategic developments", "Looting/property destruction")],
    ),
    (
        "اقتحم محتجون غاضبون مبنى مجلس المحافظة في مدينة الديوانية وأضرموا النار فيه يوم الجمعة.",
        &[("Riots", "Violent demonstration")],
    ),
    (
        "اندلعت أعمال شغب داخل سجن الحسكة المركزي مساء الأحد.",
        &[("Riots", "Mob violence")],
    ),
    // An arrest raid with an exchange of fire was a clash.
    (
        "نفذت قوة أمنية عملية دهم قرب الشرقاط فجر الثلاثاء أسفرت عن اعتقال ثلاثة مطلوبين.\n\nوقال مصدر إن اشتباكاً قصيراً وقع خلال العملية.",
        &[("Battles", "Armed clash")],
    ),
    // A second bomb defused after the first went off is an event of its own.
    (
        "قتل جنديان بانفجار عبوة ناسفة في قضاء الطارمية يوم الخميس.\n\nوفككت فرق الهندسة عبوة ثانية في المكان نفسه.",
        &[
            (
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
            ),
            ("Strategic developments", "Disrupted weapons use"),
        ],
    ),
    // Not incidents: trends, habits, threats, plans, conditions, negation.
    (
        "شن النائب هجوماً حاداً على الحكومة في جلسة البرلمان يوم الثلاثاء.",
        &[],
    ),
    ("ودعا أنصاره إلى شن هجمات على مواقع الجيش في الأنبار.", &[]),
    (
        "تصاعدت هجمات تنظيم داعش في البادية السورية خلال الأشهر الأخيرة.",
        &[],
    ),
    (
        "باتت الكمائن على طرق البادية أمراً مألوفاً لسكان ريف دير الزور.",
        &[],
    ),
    (
        "هدد تنظيم داعش بشن هجمات جديدة على مواقع الجيش في ديالى.",
        &[],
    ),
    (
        "تخطط القوات العراقية لاعتقال قادة الخلايا في صحراء الأنبار الشهر المقبل.",
        &[],
    ),
    (
        "لم تسجل أي اشتباكات في محيط مدينة كركوك خلال الأسبوع الماضي.",
        &[],
    ),
    ("في حال تعرضت القوات لهجوم في الموصل فإنها سترد بقوة.", &[]),
    (
        "ويشهد العراق بين الحين والآخر هجمات متفرقة لبقايا التنظيم في كركوك.",
        &[],
    ),
    (
        "ويرى محللون أن الضربات الجوية وحدها لا تكفي لهزيمة التنظيم في البادية.",
        &[],
    ),
    // A background incident with its own date is an event.
    (
        "وكان التنظيم قد هاجم في الثالث من آذار قرية في ريف كركوك وقتل أربعة من سكانها.",
        &[("Battles", "Armed clash")],
    ),
    // A time phrase between commas does not part a takeover verb from its town.
    (
        "سيطر مسلحو تنظيم داعش، فجر الخميس، على قرية الباغوز بعد معارك عنيفة.",
        &[("Battles", "Non-state actor overtakes territory")],
    ),
    // RPG rounds beside machine guns: a close fight, not shelling.
    (
        "هاجم مسلحون من التنظيم نقطة للجيش العراقي قرب قضاء الحويجة مساء الخميس بالأسلحة الرشاشة والقذائف الصاروخية، ما أسفر عن مقتل جندي.",
        &[("Battles", "Armed clash")],
    ),
    // Storming a place to carry people off is the abduction alone.
    (
        "اقتحم مسلحون من التنظيم، مساء الثلاثاء، قرية قرب بلدة هجين واقتادوا خمسة من سكانها إلى جهة مجهولة.",
        &[(
            "Violence against civilians",
            "Abduction/forced disappearance",
        )],
    ),
    // Killed, then the time phrase, then the shooters: an attack.
    (
        "وكان مزارع قد قُتل، مساء الأحد، برصاص مسلحين مجهولين قرب بلدة البصيرة.",
        &[("Violence against civilians", "Attack")],
    ),
    // Bodies of the abducted found: the killing is the event.
    (
        "عثرت الشرطة، صباح الاثنين، على جثتين لمزارعين في بستان قرب قضاء الخالص بعد يومين من اختطافهما.",
        &[("Violence against civilians", "Attack")],
    ),
    // A list of headlines linking other stories is no incident.
    (
        "- الجيش يعلن إحباط هجوم في صحراء الأنبار - افتتاح جسر جديد في الموصل",
        &[],
    ),
    // A denial or a pledge opening the sentence governs all of it.
    (
        "ونفت قوات سوريا الديمقراطية أنباء عن سيطرة مسلحي التنظيم على قرية قرب بلدة هجين.",
        &[],
    ),
    (
        "وتعهد رئيس الوزراء باستكمال تحرير قضاء راوة من التنظيم خلال أسابيع.",
        &[],
    ),
    // "بعد أيام من هجوم": another, earlier incident, never merged.
    (
        "قُتل مختار قرية برصاص مسلحين مجهولين قرب بلدة الصور مساء الأحد.\n\nويأتي ذلك بعد أيام من هجوم استهدف حاجزاً لقوات سوريا الديمقراطية في بلدة البصيرة وأوقع قتيلين في صفوفها.",
        &[
            ("Violence against civilians", "Attack"),
            ("Battles", "Armed clash"),
        ],
    ),
    // A sentence naming only the town just told, with no day, is a detail;
    // a blast by the other side is its own event all the same.
    (
        "قُتل ثلاثة من عناصر الحشد الشعبي، فجر الأحد، بهجوم لمسلحي تنظيم داعش على نقطة في بلدة جلولاء.\n\nوأضاف المصدر أن المهاجمين انسحبوا من البلدة بعد اشتباك قصير.",
        &[("Battles", "Armed clash")],
    ),
    (
        "اندلعت اشتباكات عنيفة، فجر الأحد، بين فصائل المعارضة ومسلحي تنظيم داعش في محيط بلدة مارع، أسفرت عن مقتل خمسة من مقاتلي الفصائل.\n\nوأضافت المصادر أن التنظيم استخدم سيارة مفخخة في محاولة لاقتحام البلدة، إلا أن المدافعين تمكنوا من تفجيرها.",
        &[
            ("Battles", "Armed clash"),
            (
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
            ),
        ],
    ),
    // A verb that needs its means reads it past a time phrase.
    (
        "رمى مجهولون يستقلون سيارة، مساء الثلاثاء، قنبلة يدوية على منزل في مدينة كركوك، ما أدى إلى إصابة امرأتين.",
        &[("Explosions/Remote violence", "Grenade")],
    ),
    // A takeover after a span of time is a state, not an incident.
    (
        "اعتصم العشرات من أهالي المختطفين، صباح الأحد، أمام مبنى محافظة نينوى في مدينة الموصل، للمطالبة بكشف مصير أبنائهم الذين فقدوا خلال سنوات سيطرة تنظيم داعش على المدينة.",
        &[("Protests", "Peaceful protest")],
    ),
    // One sentence, three towns taken: three events.
    (
        "استعادت القوات العراقية السيطرة على القيارة والشرقاط وبيجي يوم الأحد.",
        &[
            ("Battles", "Government regains territory"),
            ("Battles", "Government regains territory"),
            ("Battles", "Government regains territory"),
        ],
    ),
    // One incident told twice is one event; a similar earlier one is another.
    (
        "قتل ثلاثة جنود في هجوم لتنظيم داعش على نقطة عسكرية قرب مدينة تكريت.\n\nوقال مصدر أمني إن الهجوم وقع فجر الأحد.",
        &[("Battles", "Armed clash")],
    ),
    (
        "قتل جنديان بهجوم على نقطة عسكرية في قضاء مخمور مساء الخميس.\n\nويأتي الهجوم بعد أسبوع من هجوم مماثل على قرية في قضاء الدبس قتل فيه ثلاثة من البيشمركة.",
        &[("Battles", "Armed clash"), ("Battles", "Armed clash")],
    ),
    // A lead joining two incidents by "فيما"/"بينما", each with its own
    // place or day, tells two; a toll alone after it does not.
    (
        "قتل جنديان بهجوم لمسلحي داعش على نقطة عسكرية في قضاء الطارمية فجر الأربعاء، فيما أصيب ثلاثة مدنيين بانفجار عبوة ناسفة في مدينة سامراء مساء الخميس.",
        &[
            ("Battles", "Armed clash"),
            (
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
            ),
        ],
    ),
    (
        "قتل مدني برصاص مسلحين مجهولين في بلدة الشحيل مساء الثلاثاء، بينما سقطت قذائف هاون على حي سكني في مدينة الميادين صباح الأربعاء.",
        &[
            ("Violence against civilians", "Attack"),
            (
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
            ),
        ],
    ),
    (
        "قتل ثلاثة جنود بهجوم على نقطة عسكرية قرب بيجي يوم الاثنين، فيما أصيب خمسة آخرون بجروح.",
        &[("Battles", "Armed clash")],
    ),
    // "وفي حادث منفصل" parts an incident from the one just told, not from
    // the lead's other incident told again at its place.
    (
        "قتل جندي بهجوم لداعش على نقطة عسكرية قرب قضاء مخمور ليل الأحد، فيما أصيب مدنيان بانفجار عبوة ناسفة في ناحية القيارة صباح الاثنين.\n\nوقال مصدر أمني إن المهاجمين اشتبكوا مع الجنود لنحو ساعة قبل أن ينسحبوا.\n\nوفي حادث منفصل، انفجرت عبوة ناسفة زرعت على جانب طريق في ناحية القيارة، ما أدى إلى إصابة مدنيين اثنين.",
        &[
            ("Battles", "Armed clash"),
            (
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
            ),
        ],
    ),
    (
        "انفجرت عبوة ناسفة بدورية للجيش العراقي في قضاء الطارمية صباح الأحد.\n\nوفي حادث منفصل، انفجرت عبوة ناسفة بسيارة مدنية في قضاء الطارمية، ما أدى إلى مقتل سائقها.",
        &[
            (
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
            ),
            (
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
            ),
        ],
    ),
    (
        "قتل جنديان بانفجار عبوة ناسفة في قضاء بيجي فجر الجمعة، فيما أصيب مدني بقصف مدفعي على قرية قرب تكريت مساء الخميس.\n\nوفي حادث منفصل، انفجرت عبوة ناسفة في قضاء الدور.",
        &[
            (
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
            ),
            (
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
            ),
            (
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
            ),
        ],
    ),
    // A grenade thrown, named by its verbal noun, whoever it hurt.
    (
        "أصيب طفلان جراء إلقاء مجهولين قنبلة يدوية على منزل في مدينة الصنمين مساء الأحد.",
        &[("Explosions/Remote violence", "Grenade")],
    ),
    // One attack a span of time before a takeover or a strike is another
    // incident; weeks of fighting before a takeover are how it was done.
    (
        "سيطرت قوات سوريا الديمقراطية على بلدة الشعفة يوم الجمعة.\n\nوجاءت السيطرة على البلدة بعد يوم واحد من هجوم شنه تنظيم داعش بسيارة مفخخة يقودها انتحاري على مواقع قسد قرب الشعفة، ما أدى إلى مقتل أربعة من عناصرها.",
        &[
            ("Battles", "Non-state actor overtakes territory"),
            ("Explosions/Remote violence", "Suicide bomb"),
        ],
    ),
    (
        "قتل قيادي في داعش بغارة لطائرة مسيرة قرب بلدة الشدادي فجر الأحد.\n\nوتأتي الغارة بعد يومين من مقتل عنصر من قوات سوريا الديمقراطية برصاص مسلحين من خلايا داعش في مدينة الحسكة.",
        &[
            ("Explosions/Remote violence", "Air/drone strike"),
            ("Battles", "Armed clash"),
        ],
    ),
    (
        "استعادت القوات العراقية السيطرة على قرية قرب بيجي مساء الأحد، بعد ساعات من هجوم شنه مسلحو داعش على نقطة للجيش قرب بيجي أسفر عن مقتل جنديين.",
        &[
            ("Battles", "Government regains territory"),
            ("Battles", "Armed clash"),
        ],
    ),
    (
        "سيطرت القوات العراقية على بلدة القيارة يوم الأحد بعد أسابيع من المعارك مع تنظيم داعش.",
        &[("Battles", "Government regains territory")],
    ),
    // Stones, not arms: a crowd's assault is mob violence, a riot where
    // protesters are named; stoning to death is still an execution.
    (
        "هاجمت نساء من عوائل عناصر داعش دورية للأسايش بالحجارة داخل مخيم الهول يوم الأحد.",
        &[("Riots", "Mob violence")],
    ),
    (
        "هاجم عشرات الشبان مركزاً للشرطة بالحجارة والعصي في مدينة الناصرية مساء الاثنين.",
        &[("Riots", "Mob violence")],
    ),
    (
        "اقتحم محتجون غاضبون مبنى البلدية ورشقوا قوات الأمن بالحجارة في مدينة الكوت يوم الأحد.",
        &[("Riots", "Violent demonstration")],
    ),
    (
        "أعدم تنظيم داعش رجلين رجماً بالحجارة في ساحة عامة بمدينة الميادين يوم الجمعة.",
        &[("Violence against civilians", "Attack")],
    ),
    // A headline line sums up the body; alone it is the report.
    (
        "مسيرة تقتل قيادياً في داعش قرب الشدادي بعد يومين من اغتيال مختار\n\nقتل قيادي في تنظيم داعش بغارة لطائرة مسيرة قرب بلدة الشدادي فجر الأحد.",
        &[("Explosions/Remote violence", "Air/drone strike")],
    ),
    (
        "اغتيال مختار بلدة البصيرة برصاص مجهولين\n\nوفي سياق آخر، شنت طائرات التحالف الدولي غارة على مخبأ لتنظيم داعش في وادي حوران يوم الثلاثاء.",
        &[("Explosions/Remote violence", "Air/drone strike")],
    ),
    (
        "مقتل ثلاثة جنود بهجوم لداعش قرب بيجي فجر الأحد",
        &[("Battles", "Armed clash")],
    ),
    // Defusing that is under way or intended is no incident.
    (
        "استعادت القوات العراقية السيطرة على بلدة القيارة يوم الأحد، وقال مصدر إن فرق الهندسة تعمل على تفكيك العبوات الناسفة التي زرعها التنظيم.",
        &[("Battles", "Government regains territory")],
    ),
    (
        "سيطرت قوات سوريا الديمقراطية على بلدة الشعفة يوم الجمعة.\n\nوأكد مصدر عسكري أن عمليات التمشيط مستمرة لتفكيك الألغام في البلدة.",
        &[("Battles", "Non-state actor overtakes territory")],
    ),
    // A raid beside an attack, with no one arrested, is how it was done.
    (
        "داهمت مجموعة مسلحة حظيرة في قرية قرب بعقوبة فجر السبت وأطلقت النار على راعيين فقتلتهما.",
        &[("Violence against civilians", "Attack")],
    ),
    (
        "داهمت قوات الأمن منزلاً في حي الجولان بالفلوجة فجر السبت واعتقلت ثلاثة مطلوبين.",
        &[("Strategic developments", "Arrests")],
    ),
    (
        "داهمت قوة أمنية وكراً للتنظيم قرب بيجي فجر الأحد واشتبكت مع المسلحين، ما أدى إلى مقتل اثنين منهم.",
        &[("Battles", "Armed clash")],
    ),
];

#[test]
fn types_of_events() {
    let mut failures = Vec::new();
    for (text, want) in TYPES {
        let (got, _, _) = code(text);
        let got: Vec<(&str, &str)> = got
            .iter()
            .map(|e| (e.event_type, e.sub_event_type))
            .collect();
        if got != *want {
            failures.push(format!("{text}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// text → (actor1 id, actor2 id) of its first event.
const ROLES: &[(&str, Option<&str>, Option<&str>)] = &[
    (
        "قتل جنديان عراقيان بهجوم لداعش قرب ناحية العظيم مساء الاثنين.",
        Some("isis"),
        Some("iraqi-security-forces"),
    ),
    (
        "استهدفت طائرة مسيرة تركية سيارة تقل عناصر من حزب العمال الكردستاني قرب سنجار ظهر الأربعاء.",
        Some("turkish-forces"),
        Some("pkk"),
    ),
    (
        "اندلعت اشتباكات بين قوات سوريا الديمقراطية ومسلحي تنظيم داعش في بلدة الشحيل فجر الأربعاء.",
        Some("sdf"),
        Some("isis"),
    ),
    (
        "شنت طائرات التحالف الدولي غارة على مواقع لتنظيم داعش في وادي حوران يوم الثلاثاء.",
        Some("coalition"),
        Some("isis"),
    ),
    (
        "قتل أربعة من رعاة الأغنام برصاص مسلحين مجهولين في بادية السماوة ليلة الأحد.",
        Some("unidentified"),
        Some("civilians"),
    ),
    (
        "أعلنت خلية الإعلام الأمني مقتل ثلاثة جنود في هجوم شنه عناصر من تنظيم داعش قرب الحويجة مساء الخميس.",
        Some("isis"),
        Some("iraqi-security-forces"),
    ),
    (
        "أعلنت وزارة الداخلية العراقية اعتقال أربعة متهمين بالانتماء إلى تنظيم داعش في مدينة الفلوجة يوم الأحد.",
        Some("iraqi-security-forces"),
        Some("isis"),
    ),
    (
        "قُتل جندي من الجيش السوري بنيران تنظيم داعش في بادية الميادين يوم الاثنين.",
        Some("isis"),
        Some("syrian-army"),
    ),
    // "تابعة لـ": the owner of what was hit is the attacked.
    (
        "أصيب ثلاثة عناصر بانفجار عبوة ناسفة صباح الأحد بسيارة تابعة لقوات سوريا الديمقراطية قرب بلدة الصور.",
        None,
        Some("sdf"),
    ),
    // The subject of a report verb is its source; its own dead make it actor2.
    (
        "وكان الجيش العراقي قد أعلن مقتل اثنين من عناصره في كمين نصبه تنظيم داعش قرب بيجي يوم الثلاثاء.",
        Some("isis"),
        Some("iraqi-security-forces"),
    ),
    // The owner of a hit vehicle named after its adjective is the attacked.
    (
        "انفجرت عبوة ناسفة، صباح الاثنين، بسيارة عسكرية تابعة للجيش العراقي قرب قضاء الطارمية.",
        None,
        Some("iraqi-security-forces"),
    ),
    // The group the attackers are said to belong to attacked.
    (
        "هاجم مسلحون يُشتبه بانتمائهم إلى تنظيم داعش نقطة لقوات سوريا الديمقراطية قرب بلدة البصيرة ليل الأحد، ما أدى إلى إصابة عنصرين.",
        Some("isis"),
        Some("sdf"),
    ),
    // A clause-initial verb spelt like its noun has its subject after it;
    // the group before the people counted is the subject, not a victim.
    (
        "وفي حادثة أخرى، خطف مسلحو تنظيم داعش، فجر الجمعة، ستة رعاة في بادية الميادين.",
        Some("isis"),
        Some("civilians"),
    ),
    (
        "أعدم عناصر من تنظيم داعش، مساء الأحد، رجلين في بادية السخنة.",
        Some("isis"),
        Some("civilians"),
    ),
    // The subject before a storming and an abduction verb carried it out.
    (
        "وقال مصدر أمني إن مسلحي تنظيم داعش دخلوا، ليل الأحد، قرية قرب قضاء الخالص واقتادوا ثلاثة فلاحين إلى جهة مجهولة.",
        Some("isis"),
        Some("civilians"),
    ),
    // The commander announcing a town retaken speaks for the force that took it.
    (
        "أعلن قائد عمليات غرب الأنبار، اليوم الجمعة، تحرير قضاء راوة غربي العراق بالكامل من سيطرة تنظيم داعش.",
        Some("iraqi-security-forces"),
        Some("isis"),
    ),
    // Rioters are unnamed; the force they attacked is the second side.
    (
        "اندلعت أعمال شغب في مخيم الهول، أمس، رشقت خلالها نساء عناصر الأسايش بالحجارة ما أدى إلى إصابة عنصرين من الأسايش.",
        None,
        Some("asayish"),
    ),
    // A name that is an air or artillery weapon struck.
    (
        "قتل ثلاثة عناصر من قوات سوريا الديمقراطية إثر استهداف طائرة مسيرة تركية سيارتهم قرب مدينة القامشلي مساء الأحد.",
        Some("turkish-forces"),
        Some("sdf"),
    ),
    (
        "وردت المقاتلات الروسية، فجر الاثنين، بشن غارات على مواقع لتنظيم داعش في بادية السخنة.",
        Some("russian-forces"),
        Some("isis"),
    ),
    (
        "أصيب مدنيان بقصف لطائرات حربية روسية على بلدة كفرنبل يوم السبت.",
        Some("russian-forces"),
        Some("civilians"),
    ),
    // The genitive of a verbal noun with its object after it is its subject.
    (
        "أصيب طفلان جراء إلقاء مجهولين قنبلة يدوية على منزل في مدينة الصنمين مساء الأحد.",
        Some("unidentified"),
        Some("civilians"),
    ),
    (
        "قتل جنديان إثر استهداف مسلحي داعش دورية للجيش العراقي قرب بيجي فجر الثلاثاء.",
        Some("isis"),
        Some("iraqi-security-forces"),
    ),
    (
        "قتل مدني إثر استهداف الجيش السوري بلدة كفرنبل بالقذائف يوم الأحد.",
        Some("syrian-army"),
        Some("civilians"),
    ),
    // A subject after its verb may open with a partitive.
    (
        "هاجمت مجموعة من عناصر تنظيم داعش نقطة لقوات الدفاع الوطني في بادية السخنة ليل الجمعة، ما أسفر عن مقتل عنصرين.",
        Some("isis"),
        Some("syrian-ndf"),
    ),
    (
        "استهدف عدد من عناصر داعش دورية للجيش العراقي قرب قضاء الطارمية فجر الخميس، ما أدى إلى إصابة جندي.",
        Some("isis"),
        Some("iraqi-security-forces"),
    ),
    (
        "خطف عدد من مسلحي تنظيم داعش خمسة رعاة في بادية الرطبة فجر الأحد.",
        Some("isis"),
        Some("civilians"),
    ),
    // Whom "مع" names in a clash was met.
    (
        "اشتبكت قوة من الحشد الشعبي مع مسلحين من تنظيم داعش قرب قضاء الطارمية مساء السبت.",
        Some("pmf"),
        Some("isis"),
    ),
    // The force named after a rank and "في", or owning the unit of a
    // victim named just before, is the victim's.
    (
        "أصيب ضابط برتبة نقيب في الشرطة العراقية بانفجار عبوة لاصقة في مدينة الموصل مساء الأحد.",
        None,
        Some("iraqi-security-forces"),
    ),
    (
        "قتل ملازم في الجيش السوري وجندي بانفجار عبوة ناسفة بسيارتهما قرب مدينة درعا صباح الثلاثاء.",
        None,
        Some("syrian-army"),
    ),
    (
        "أصيب عقيد في الجيش العراقي بهجوم شنه مسلحون مجهولون على منزله في مدينة الموصل مساء السبت.",
        Some("unidentified"),
        Some("iraqi-security-forces"),
    ),
    (
        "قتل القيادي في مجلس منبج العسكري، التابع لقوات سوريا الديمقراطية، برصاص مسلحين من خلايا داعش في مدينة منبج مساء الأحد.",
        Some("isis"),
        Some("sdf"),
    ),
    (
        "أصيب المسؤول في الجناح الأمني، التابع لهيئة تحرير الشام، بانفجار عبوة ناسفة في مدينة إدلب صباح الاثنين.",
        None,
        Some("hts"),
    ),
    // Who placed the bomb set it.
    (
        "أصيب عنصران من الشرطة العراقية إثر انفجار عبوة لاصقة وضعها مجهولون أسفل سيارتهما في مدينة الرمادي مساء الخميس.",
        Some("unidentified"),
        Some("iraqi-security-forces"),
    ),
];

#[test]
fn actor_roles() {
    let mut failures = Vec::new();
    for (text, a1, a2) in ROLES {
        let (got, actors, _) = code(text);
        let Some(e) = got.first() else {
            failures.push(format!("{text}\n  no event"));
            continue;
        };
        let id = |x: Option<ActorRef>| match x {
            Some(ActorRef::Mention(i)) => actors[i].id,
            Some(ActorRef::Civilians(_)) => Some(ActorRef::CIVILIANS_ID),
            None => None,
        };
        if (id(e.actor1), id(e.actor2)) != (*a1, *a2) {
            failures.push(format!(
                "{text}\n  want {a1:?} {a2:?}\n  got  {:?} {:?}",
                id(e.actor1),
                id(e.actor2)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// text → (fatalities, injuries, location text, geo precision, date, time precision) of its first event.
type Expect = (
    Option<u64>,
    Option<u64>,
    Option<&'static str>,
    u8,
    Option<&'static str>,
    u8,
);
const ARGS: &[(&str, Expect)] = &[
    (
        "قتل ثلاثة مدنيين وأصيب خمسة آخرون بانفجار عبوة ناسفة في مدينة الرمادي صباح الأحد.",
        (Some(3), Some(5), Some("الرمادي"), 1, Some("2024-03-10"), 1),
    ),
    (
        "قتل جنديان قرب بلدة الكرامة بهجوم لداعش أمس.",
        (
            Some(2),
            None,
            Some("قرب بلدة الكرامة"),
            2,
            Some("2024-03-14"),
            1,
        ),
    ),
    // Joined counts add up; "بينهم" is a subset.
    (
        "قتل ضابط واثنان من الجنود بانفجار عبوة ناسفة في قضاء الطارمية يوم الخميس.",
        (
            Some(3),
            None,
            Some("قضاء الطارمية"),
            2,
            Some("2024-03-14"),
            1,
        ),
    ),
    (
        "قتل خمسة أشخاص بينهم طفلان بقصف مدفعي على بلدة كفرنبل في جبل الزاوية الأسبوع الماضي.",
        (Some(5), None, Some("كفرنبل"), 1, Some("2024-03-08"), 2),
    ),
    // "عشرات": no number.
    (
        "قتل عشرات المسلحين بغارات جوية على مواقع لتنظيم داعش في بادية تدمر يوم الأربعاء.",
        (None, None, Some("بادية تدمر"), 2, Some("2024-03-13"), 1),
    ),
    // Only a governorate.
    (
        "قتل مدنيان بانفجار لغم أرضي في محافظة الأنبار في الخامس من آذار.",
        (
            Some(2),
            None,
            Some("محافظة الأنبار"),
            3,
            Some("2024-03-05"),
            1,
        ),
    ),
    // "من دون أن يسفر الهجوم عن إصابات": nobody killed.
    (
        "هاجم مسلحون من التنظيم نقطة للجيش في بلدة البصيرة مساء الأحد، من دون أن يسفر الهجوم عن إصابات.",
        (Some(0), None, Some("البصيرة"), 1, Some("2024-03-10"), 1),
    ),
    // A rank between two people killed does not part them.
    (
        "قتل ضابط برتبة ملازم وجندي بانفجار عبوة ناسفة في قضاء الطارمية يوم الخميس.",
        (
            Some(2),
            None,
            Some("قضاء الطارمية"),
            2,
            Some("2024-03-14"),
            1,
        ),
    ),
    // The day of the incident, not of what followed "قبل أن".
    (
        "خطف مسلحون، مساء الثلاثاء، ثلاثة رعاة قرب بلدة الشدادي قبل أن يطلقوا سراح أحدهم صباح الأربعاء.",
        (
            None,
            None,
            Some("قرب بلدة الشدادي"),
            2,
            Some("2024-03-12"),
            1,
        ),
    ),
    // No date in the text: none, never the reference date.
    (
        "قتل جنديان بانفجار عبوة ناسفة في مدينة الموصل.",
        (Some(2), None, Some("الموصل"), 1, None, 0),
    ),
];

#[test]
fn arguments_of_events() {
    let mut failures = Vec::new();
    for (text, (fat, inj, place, gp, date, tp)) in ARGS {
        let (got, _, _) = code(text);
        let Some(e) = got.first() else {
            failures.push(format!("{text}\n  no event"));
            continue;
        };
        let loc = e.location.map(|(_, p, span)| (slice(text, span), p));
        let when = e.date.as_ref().map(|d| (d.0.as_str(), d.2));
        let want_loc = place.map(|p| (p.to_string(), *gp));
        let want_when = date.map(|d| (d, *tp));
        if (e.fatalities, e.injuries, &loc, when) != (*fat, *inj, &want_loc, want_when) {
            failures.push(format!(
                "{text}\n  want {fat:?} {inj:?} {want_loc:?} {want_when:?}\n  got  {:?} {:?} {loc:?} {when:?}",
                e.fatalities, e.injuries
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn merged_event_keeps_the_fuller_arguments_and_both_reports() {
    let text = "قتل ثلاثة جنود في هجوم لتنظيم داعش على نقطة عسكرية قرب مدينة تكريت.\n\nوقال مصدر أمني إن الهجوم وقع فجر الأحد.";
    let (got, _, _) = code(text);
    assert_eq!(got.len(), 1, "{got:?}");
    let e = &got[0];
    assert_eq!(e.fatalities, Some(3));
    assert_eq!(e.date.as_ref().map(|d| d.0.as_str()), Some("2024-03-10"));
    let evidence = slice(text, e.evidence);
    assert!(
        evidence.starts_with("قتل ثلاثة") && evidence.ends_with("فجر الأحد."),
        "{evidence}"
    );
}

#[test]
fn two_incidents_of_one_lead_are_evidenced_by_their_clauses() {
    let text = "قتل جنديان بهجوم لمسلحي داعش على نقطة عسكرية في قضاء الطارمية فجر الأربعاء، فيما أصيب ثلاثة مدنيين بانفجار عبوة ناسفة في مدينة سامراء مساء الخميس.";
    let (got, _, _) = code(text);
    assert_eq!(got.len(), 2, "{got:?}");
    let first = slice(text, got[0].evidence);
    let second = slice(text, got[1].evidence);
    assert!(
        first.starts_with("قتل جنديان") && !first.contains("سامراء"),
        "{first}"
    );
    assert!(
        second.contains("بانفجار عبوة") && !second.contains("الطارمية"),
        "{second}"
    );
    let day = |e: &Incident| e.date.as_ref().map(|d| d.0.clone());
    assert_eq!(day(&got[0]).as_deref(), Some("2024-03-13"));
    assert_eq!(day(&got[1]).as_deref(), Some("2024-03-14"));
    assert_eq!((got[0].fatalities, got[1].injuries), (Some(2), Some(3)));
}

/// An outcome told again with who did it lends its killer to the incident
/// just told, and is no event of its own.
#[test]
fn a_killing_told_again_with_its_killer_names_the_attacker() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "عُثر على جثة امرأة مقتولة خنقاً داخل منزلها في مدينة الميادين فجر الخميس.\n\nوترجح مصادر محلية أن عناصر من تنظيم داعش قتلوا المرأة بسبب عملها في منظمة إنسانية.",
            Some("isis"),
        ),
        (
            "انفجرت عبوة ناسفة بسيارة مدنية قرب بلدة الصور مساء الأحد، ما أدى إلى مقتل سائقها.\n\nوقال مصدر أمني إن خلايا تابعة لتنظيم داعش قتلت السائق لتعاونه مع الإدارة المحلية.",
            Some("isis"),
        ),
        (
            "عُثر على جثة امرأة مقتولة خنقاً داخل منزلها في مدينة الميادين فجر الخميس.\n\nوقالت مصادر محلية إن المرأة قتلت قبل يومين.",
            None,
        ),
    ];
    for (text, a1) in cases {
        let (got, actors, _) = code(text);
        assert_eq!(got.len(), 1, "{text}\n{got:?}");
        let id = match got[0].actor1 {
            Some(ActorRef::Mention(i)) => actors[i].id,
            _ => None,
        };
        assert_eq!(id, *a1, "{text}");
    }
}

#[test]
fn the_same_day_dates_the_next_incident() {
    let text = "قتل جنديان بانفجار عبوة ناسفة في قضاء الطارمية يوم الخميس.\n\nوفي اليوم ذاته، اشتبكت قوة من الحشد الشعبي مع مسلحين قرب ناحية العظيم.";
    let (got, _, _) = code(text);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1].sub_event_type, "Armed clash");
    assert_eq!(
        got[1].date.as_ref().map(|d| d.0.as_str()),
        Some("2024-03-14")
    );
}

#[test]
fn a_sentence_pointing_back_takes_the_day_before_it() {
    let text = "سيطر مسلحو تنظيم داعش، فجر الخميس، على قرية الباغوز بعد معارك عنيفة.\n\nوقالت مصادر محلية إن الهجوم بدأ بتفجير سيارة مفخخة يقودها انتحاري استهدفت تجمعاً لقوات سوريا الديمقراطية عند أطراف بلدة هجين، تلته اشتباكات أسفرت عن مقتل خمسة عناصر.";
    let (got, _, _) = code(text);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1].sub_event_type, "Suicide bomb");
    assert_eq!(
        got[1].date.as_ref().map(|d| d.0.as_str()),
        Some("2024-03-14")
    );
}

#[test]
fn victims_with_no_actor_mention_are_civilians() {
    let text = "اختطف مسلحون مجهولون فتاة من منزلها في مدينة الموصل مساء الأربعاء.";
    let (got, _, _) = code(text);
    let Some(ActorRef::Civilians(span)) = got[0].actor2 else {
        panic!("{got:?}");
    };
    assert_eq!(slice(text, span), "فتاة");
}

#[test]
fn spans_slice_the_body() {
    for (text, _) in TYPES {
        let (got, _, _) = code(text);
        let n = text.chars().count();
        for e in got {
            assert!(e.evidence.0 < e.evidence.1 && e.evidence.1 <= n);
            let (ts, te) = e.trigger.expect("a trigger");
            assert!(e.evidence.0 <= ts && te <= e.evidence.1, "{text}");
            assert!((0.0..=1.0).contains(&e.confidence));
        }
    }
}

#[test]
fn lexicon_parses_and_types_are_acled_names() {
    let lex = &*lexicon::LEXICON;
    assert!(lex.len() > 300);
    let spec = [
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
        "-",
    ];
    for i in 0..lex.len() {
        let e = lex.entry(i as u32);
        assert!(spec.contains(&e.event_type), "{:?}", e.words);
    }
}

#[test]
fn shared_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Incident>();
    check::<Reading<'static>>();
}

#[test]
fn a_protest_toll_leaves_out_what_it_denounces() {
    let body = "تظاهر عشرات من أهالي بلدة البصيرة يوم الأحد تنديداً باغتيال ثلاثة من شيوخ العشائر برصاص مجهولين.";
    let (got, _, _) = code(body);
    let protest = got
        .iter()
        .find(|e| e.event_type == "Protests")
        .expect("a protest");
    assert_eq!(protest.fatalities, None, "{got:?}");
}

#[test]
fn a_trigger_word_inside_a_place_name_codes_nothing() {
    // "ساحة التحرير" is Liberation Square: no territory was liberated.
    let cases = [
        (
            "فرقت قوات مكافحة الشغب، مساء أمس السبت، مئات المتظاهرين الذين حاولوا عبور جسر الجمهورية من ساحة التحرير باتجاه المنطقة الخضراء في بغداد، مستخدمة الغاز المسيل للدموع، واعتقلت عدداً منهم.",
            "Protests",
        ),
        (
            "انطلقت مسيرة من ساحة التحرير باتجاه جسر الجمهورية في بغداد، مساء أمس السبت، واعتقلت القوات الأمنية عدداً من المتظاهرين.",
            "Protests",
        ),
    ];
    for (body, want) in cases {
        let (got, _, _) = code(body);
        assert!(!got.is_empty(), "{body}: no event");
        assert!(got.iter().all(|e| e.event_type == want), "{body}: {got:?}");
    }
}

#[test]
fn a_date_tied_by_hin_dates_its_clause() {
    let body = "ويعد هجوم الخميس الأعنف منذ العاشر من يناير الماضي، حين قُتل 14 عاملاً في هجوم مماثل قرب مدينة تدمر.";
    let (got, _, _) = code(body);
    assert!(
        got.iter()
            .any(|e| e.date.as_ref().is_some_and(|d| d.0 == "2024-01-10")),
        "{got:?}"
    );
}

#[test]
fn a_reply_strike_by_the_other_side_is_its_own_event() {
    let body = "هاجم مسلحون من تنظيم داعش نقطة للجيش العراقي قرب قضاء الحويجة مساء الخميس، ما أسفر عن مقتل جنديين.\n\nوبعد ساعات شنت طائرات التحالف الدولي غارة جوية على مخبأ للمهاجمين في وادي الشاي.";
    let (got, _, _) = code(body);
    assert!(
        got.iter().any(|e| e.sub_event_type == "Air/drone strike"),
        "{got:?}"
    );
    assert!(got.iter().any(|e| e.event_type == "Battles"), "{got:?}");
}

#[test]
fn confidence_is_a_probability() {
    let (got, _, _) =
        code("شنت طائرات التحالف الدولي غارة جوية على مخبأ لتنظيم داعش في وادي حوران يوم الثلاثاء.");
    assert!(!got.is_empty());
    assert!(got.iter().all(|e| (0.0..=1.0).contains(&e.confidence)));
}
