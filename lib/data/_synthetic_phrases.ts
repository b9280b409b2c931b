/**
 * Phrase banks for the synthetic ReDSM5-shaped corpus: first-person, Reddit-register sentence
 * templates. `{a|b|c}` picks one alternative (`{a|}` makes `a` optional). Every template renders
 * to exactly one sentence for `splitSentences` (no inner `. `, `! `, `? ` or line break).
 *
 * Some families deliberately share words across criteria (tired/sleep/energy, worthless/guilt,
 * focus/tired) and the negatives mention the symptom's own keywords, so the corpus is learnable
 * but not by keyword lookup alone.
 *
 * @module
 */
import type { Redsm5Symptom } from "./symptoms.ts";

/** Templates per symptom: evidence sentences (status 1) and explicit negatives (status 0). */
export interface SymptomPhrases {
  /** Paraphrase families of evidence sentences. */
  readonly positive: readonly string[];
  /** Explicit negatives that mention the symptom's keywords. */
  readonly negative: readonly string[];
  /** Clinician-style explanations for evidence rows. */
  readonly explainPositive: string;
  /** Clinician-style explanation for a negative row. */
  readonly explainNegative: string;
}

/**
 * Relative frequency of each symptom among evidence sentences, shaped after the real set's
 * ordering (DEPRESSED_MOOD and WORTHLESSNESS most common, PSYCHOMOTOR and APPETITE_CHANGE rarest).
 * These are chosen weights, not counts measured on ReDSM5.
 */
export const SYMPTOM_WEIGHTS: Readonly<Record<Redsm5Symptom, number>> = {
  DEPRESSED_MOOD: 20,
  WORTHLESSNESS: 18,
  SUICIDAL_THOUGHTS: 11,
  ANHEDONIA: 9,
  FATIGUE: 8,
  SLEEP_ISSUES: 7,
  COGNITIVE_ISSUES: 5,
  SPECIAL_CASE: 4,
  APPETITE_CHANGE: 3,
  PSYCHOMOTOR: 2.5,
};

/** The phrase bank. */
export const SYMPTOM_PHRASES: Readonly<Record<Redsm5Symptom, SymptomPhrases>> = {
  DEPRESSED_MOOD: {
    positive: [
      "I feel {so|really|just} {empty|hollow|numb} {inside|most days|all the time} and I don't know why.",
      "I've been crying {every night|in the shower|on the bus|for no reason} {lately|for weeks now|since March}.",
      "Everything feels {hopeless|grey|heavy|pointless} {and I can't shake it|no matter what I do|even on good days}.",
      "I'm sad {pretty much all day|constantly|from the moment I wake up}, like {a weight on my chest|a fog that never lifts}.",
      "{Honestly|Lately|For months} I just feel {down|miserable|hopeless}, {and I feel like a failure for it|and nothing helps}.",
    ],
    negative: [
      "My mood has {actually|honestly} been {pretty good|okay|stable} {this week|lately}, I'm not sad really.",
      "I wouldn't say I feel {depressed|hopeless|empty}, {it's more that I'm stressed|just annoyed at my landlord}.",
    ],
    explainPositive: "Reports persistent low mood, emptiness or tearfulness.",
    explainNegative: "Explicitly denies low mood.",
  },
  ANHEDONIA: {
    positive: [
      "I {used to love|used to live for} {gaming|drawing|playing guitar|hiking} but now I {can't be bothered|feel nothing when I do it}.",
      "Nothing is fun anymore, {not even|including} {hanging out with friends|my favourite shows|music}.",
      "I {stopped|quit} {going to the gym|seeing my friends|reading} because I {just don't care|get no joy from it} anymore.",
      "I don't {enjoy|look forward to} anything {these days|at all}, {weekends feel the same as Mondays|it's all just flat}.",
    ],
    negative: [
      "I still {really enjoy|love} {gaming|my guitar|cooking} {and it helps a lot|when I get the time}.",
      "I {haven't lost interest in|still care about} {my hobbies|the things I like}, {that part is fine|I'm just busy}.",
    ],
    explainPositive: "Describes loss of interest or pleasure in activities.",
    explainNegative: "States interest in activities is preserved.",
  },
  APPETITE_CHANGE: {
    positive: [
      "I've {lost|dropped} {like|about} {ten|fifteen|twenty} pounds {without trying|since summer} because I {barely eat|forget to eat}.",
      "I {eat|binge on} {junk|takeout|sweets} {all day|every night} and I've gained {a lot of|so much} weight.",
      "I have {zero|no} appetite {anymore|lately}, food {tastes like cardboard|just doesn't appeal to me}.",
    ],
    negative: [
      "My appetite is {normal|fine} {though|at least}, I {eat three meals a day|still eat fine}.",
      "{No weight changes|My weight hasn't changed} {or anything|as far as I know}, I eat {pretty normally|okay}.",
    ],
    explainPositive: "Reports appetite or weight change.",
    explainNegative: "Denies appetite or weight change.",
  },
  SLEEP_ISSUES: {
    positive: [
      "I {can't|cannot} {fall asleep|sleep} until {3|4|5} am {most nights|every night} {even when I'm exhausted|no matter how tired I am}.",
      "I sleep {12|14|15} hours {a day|on weekends} and I'm still {tired|wiped out} when I wake up.",
      "I keep waking up at {4|5} am and {lying there|staring at the ceiling} {for hours|until my alarm}.",
      "My sleep is {a mess|completely broken|all over the place}, {insomnia most nights|some nights I don't sleep at all}.",
    ],
    negative: [
      "I actually sleep {fine|okay|pretty well} these days, {it's everything else|no complaints there}.",
      "{Sleep|Getting to sleep} isn't {the problem|an issue} for me, I get {my eight hours|enough rest}.",
    ],
    explainPositive: "Describes insomnia or hypersomnia.",
    explainNegative: "Explicitly denies sleep problems.",
  },
  PSYCHOMOTOR: {
    positive: [
      "{People keep telling me|My coworkers have noticed|My mom says} I {move|talk} {so slowly|in slow motion} {now|lately}.",
      "I can't sit still, {I pace around my room|my legs keep bouncing} {for hours|all evening}.",
      "Everything I do feels slowed down, {even getting up off the couch|even answering a text} takes forever.",
    ],
    negative: [
      "{Nobody|No one} has said I seem {slow|restless} or anything, I move around {normally|fine}.",
    ],
    explainPositive: "Reports observable agitation or slowing.",
    explainNegative: "Denies psychomotor change.",
  },
  FATIGUE: {
    positive: [
      "I'm {so|always|constantly} {tired|exhausted|drained} {even after a full night's sleep|no matter how much I rest}.",
      "I have {no|zero} energy {for anything|at all}, {showering feels like running a marathon|even small chores wipe me out}.",
      "By {noon|lunch} I'm {completely|totally} {wiped out|worn out} and {need to lie down|can barely move}.",
    ],
    negative: [
      "Physically I have {plenty of|lots of} energy, {I go running most mornings|I'm not tired at all}.",
      "I'm not {tired|exhausted} {or anything|really}, {energy wise I'm fine|I just feel off}.",
    ],
    explainPositive: "Reports fatigue or loss of energy.",
    explainNegative: "Denies fatigue.",
  },
  WORTHLESSNESS: {
    positive: [
      "I feel {completely|totally|so} worthless, {like a burden on everyone|like I bring nothing to anyone}.",
      "I {hate|can't stand} myself {and I feel guilty about everything|for being such a failure}.",
      "Everyone {would be better off|is better off} without me {dragging them down|in their lives}, I'm {useless|a waste of space}.",
      "I {keep|can't stop} {blaming myself|feeling guilty} for {things that aren't even my fault|my parents' divorce|every little mistake}.",
      "{Honestly|Deep down} I {know|feel} I'm {a failure|worthless|not good enough} {at everything|compared to everyone}.",
    ],
    negative: [
      "I don't think I'm worthless {or anything|though}, I know I'm {good at my job|a decent friend}.",
      "I don't feel guilty about {it|the breakup|leaving}, {it was the right call|I did what I could}.",
    ],
    explainPositive: "Expresses worthlessness or excessive guilt.",
    explainNegative: "Denies worthlessness or guilt.",
  },
  COGNITIVE_ISSUES: {
    positive: [
      "I can't {focus|concentrate} on {anything|my classes|work} anymore, I read {the same page|the same email} {five|ten} times.",
      "My brain feels {foggy|like mush} and I {can't make|keep putting off} even {tiny|simple} decisions.",
      "I'm {too tired to think straight|so distracted}, I {forget|lose track of} what I was saying {mid sentence|all the time}.",
    ],
    negative: [
      "I can still {focus|concentrate} {fine|okay} at work, {my head is clear|no brain fog}.",
    ],
    explainPositive: "Reports poor concentration or indecisiveness.",
    explainNegative: "Denies concentration problems.",
  },
  SUICIDAL_THOUGHTS: {
    positive: [
      "I {think about|keep thinking about} {dying|not existing|not waking up} {every day|a lot lately|more and more}.",
      "{Sometimes|Some nights} I {wish|hope} I {just wouldn't wake up|could disappear forever}.",
      "I've {looked up|thought about} ways to {end it|kill myself} {and it scares me|more than once}.",
      "I don't want to be alive anymore{, honestly|, I'm tired of all this|}.",
    ],
    negative: [
      "I'm not suicidal {or anything|though}, I {just|really} want {to feel better|things to change}.",
      "I {never|don't} think about {killing myself|dying}, {so don't worry about that|that's not where I am}.",
    ],
    explainPositive: "Expresses thoughts of death or suicidal ideation.",
    explainNegative: "Explicitly denies suicidal ideation.",
  },
  SPECIAL_CASE: {
    positive: [
      "My {psychiatrist|therapist|doctor} {thinks|wonders if} it {might be|could be} {bipolar|seasonal|my thyroid}.",
      "{Ever since|After} {my dad died|the miscarriage|the accident} I {haven't been myself|feel off all the time}.",
    ],
    negative: [],
    explainPositive: "Clinically relevant but outside criteria A.1-A.9.",
    explainNegative: "",
  },
};

/**
 * Sentences that are evidence of two symptoms at once (one sentence id, two annotation rows):
 * the shared vocabulary between criteria.
 */
export const DUAL_PHRASES: readonly {
  readonly symptoms: readonly [Redsm5Symptom, Redsm5Symptom];
  readonly template: string;
}[] = [
  {
    symptoms: ["FATIGUE", "COGNITIVE_ISSUES"],
    template:
      "I'm so {tired|exhausted} all the time that I can't {focus|think straight} at {work|school}.",
  },
  {
    symptoms: ["SLEEP_ISSUES", "FATIGUE"],
    template:
      "I {barely sleep|lie awake all night} and then have {no energy|nothing left} the next day.",
  },
  {
    symptoms: ["DEPRESSED_MOOD", "WORTHLESSNESS"],
    template: "I cry {every night|all the time} because I feel {like such a failure|so worthless}.",
  },
];

/** Neutral filler sentences in Reddit register. */
export const FILLER_PHRASES: readonly string[] = [
  "{Throwaway|Using a throwaway} {account|because my friends know my main}.",
  "Sorry for the {long|rambling} post, {I just need to vent|I don't know where else to put this}.",
  "I'm {19|22|24|27|31|35} {and in college|and work in retail|and live with my parents|and just moved cities}.",
  "{My cat|My roommate|My dog} {knocked over my coffee|woke me up early|ate my sandwich} {this morning|yesterday}.",
  "{Anyway|Anyways}, thanks for reading {if you got this far|this}.",
  "{Work|School|My job} has been {busy|hectic|the usual} {this month|lately}.",
  "I {went to|started going to} {a new therapist|my GP|a support group} {last week|recently}.",
  "{Not sure|I don't know} if this is the right {sub|subreddit} for this.",
  "My {sister|brother|best friend} {visited|called} {on Sunday|last weekend} and we {watched a movie|got food}.",
  "I've been {on sertraline|on meds|off my meds} for {a few months|about a year}.",
  "{Edit|EDIT}: {thanks for the kind replies|formatting}.",
  "It's {raining|snowing|really hot} {again|here} {and the bus was late|today}.",
  "{Has anyone else|Does anyone else} {dealt with this|feel like this}?",
  "I {have|had} {a job interview|an exam|a dentist appointment} {on Friday|next week}.",
  "We {got|adopted} a {puppy|kitten} {in the spring|last month}.",
];

/** A few post openers (a title-like first line). */
export const OPENERS: readonly string[] = [
  "{Need to vent|Long post, sorry|Not sure what to do anymore|Is this normal}",
  "{Update|Checking in} {after a rough month|I guess}",
  "{Hi all|Hey everyone|Hi reddit}",
];
