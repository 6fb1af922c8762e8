package event

// Word classes of the small closed-class lexicon the sentence analysis needs. A word may
// be in several classes ("that" is a complementizer and a relative pronoun).
const (
	cDet       uint32 = 1 << iota // a, the, its: the next word is a noun, not a verb
	cPrep                         // of, in, against …
	cTo                           // to
	cBe                           // is, was, been: with a participle, a passive
	cAux                          // has, had, did: tense, no meaning of its own
	cFuture                       // will, shall, 'll
	cHypo                         // would, could, may, might, can, should
	cMust                         // must, should (obligation: a demand when said of another)
	cNeg                          // not, n't, never, no
	cAdv                          // adverbs that stand inside a verb group
	cSay                          // said, told, announced: attribution
	cHedge                        // reportedly, allegedly, according
	cRel                          // who, which, that
	cThat                         // that (complementizer)
	cConj                         // and, but
	cCond                         // if, unless: the clause is hypothetical
	cPron                         // he, she, it, they
	cBreak                        // ; : ( ) and quotes: a clause boundary
	cComma                        // ,
	cNum                          // a number: the next word is a noun
	cGovIntent                    // plan, promise, vow, prepared, ready: future intent
	cGovAgree                     // agree, decide: an agreement that happened
	cGovOffer                     // offer, propose: a conditional intent
	cGovThreat                    // threaten, warn
	cGovRefuse                    // refuse, decline, reject, fail
	cGovDeny                      // deny
	cGovDemand                    // demand, urge, call, ask, press, order
	cGovTry                       // try, attempt, begin, continue: transparent
	cExist                        // there (there will be no …)
	cPoss                         // 's
	cSubord                       // if, unless, while, because: a new clause starts
	cDirection                    // to, against, into, on: a target follows
)

var closedClass = map[string]uint32{
	"a": cDet, "an": cDet, "the": cDet, "this": cDet, "these": cDet, "those": cDet,
	"its": cDet, "his": cDet, "her": cDet, "their": cDet, "our": cDet, "my": cDet,
	"your": cDet, "some": cDet, "any": cDet, "every": cDet, "each": cDet, "another": cDet,
	"such": cDet, "more": cDet, "several": cDet, "many": cDet, "further": cDet, "new": cDet,
	"of": cPrep, "in": cPrep, "on": cPrep | cDirection, "at": cPrep, "for": cPrep, "with": cPrep,
	"from": cPrep, "by": cPrep, "into": cPrep | cDirection, "about": cPrep, "over": cPrep,
	"under": cPrep, "against": cPrep | cDirection, "between": cPrep, "near": cPrep, "after": cPrep | cConj,
	"before": cPrep | cConj, "during": cPrep, "since": cPrep, "through": cPrep,
	"toward": cPrep | cDirection, "towards": cPrep | cDirection, "upon": cPrep, "across": cPrep, "among": cPrep,
	"without": cPrep, "within": cPrep, "amid": cPrep, "following": cPrep, "despite": cPrep,
	"to": cTo | cDirection,
	"is": cBe, "are": cBe, "was": cBe, "were": cBe, "be": cBe, "been": cBe, "being": cBe,
	"am": cBe, "'s": cPoss, "'re": cBe,
	// News text writes contractions with the typographic apostrophe ("Trump’s",
	// "didn’t"), which the tokenizer keeps: without these "didn’t attack" was no
	// negation and "Rubio’s proposed credit" a proposal.
	"’s": cPoss, "’re": cBe, "’ve": cAux, "’ll": cFuture, "’d": cHypo, "n’t": cNeg,
	"has": cAux, "have": cAux, "had": cAux, "having": cAux, "do": cAux, "does": cAux,
	"did": cAux, "'ve": cAux, "'d": cHypo, "get": cBe, "got": cBe, "gets": cBe,
	"will": cFuture, "shall": cFuture, "'ll": cFuture, "wo": cFuture,
	"would": cHypo, "could": cHypo, "may": cHypo, "might": cHypo, "can": cHypo, "ca": cHypo,
	"cannot": cHypo | cNeg,
	"must":   cMust, "should": cMust | cHypo, "ought": cMust,
	"not": cNeg, "n't": cNeg, "never": cNeg, "no": cNeg | cDet,
	"also": cAdv, "already": cAdv, "still": cAdv, "just": cAdv, "now": cAdv, "again": cAdv,
	"once": cAdv, "then": cAdv, "later": cAdv, "soon": cAdv, "even": cAdv, "yet": cAdv,
	"outright": cAdv, "today": cAdv, "yesterday": cAdv, "tonight": cAdv, "jointly": cAdv,
	"reportedly": cAdv | cHedge, "allegedly": cAdv | cHedge, "apparently": cAdv | cHedge,
	"purportedly": cAdv | cHedge, "supposedly": cAdv | cHedge, "according": cHedge,
	"said": cSay, "says": cSay, "say": cSay, "saying": cSay, "told": cSay, "tells": cSay,
	"tell": cSay, "announced": cSay, "announces": cSay, "stated": cSay, "states": cSay,
	"reported": cSay, "reports": cSay, "claimed": cSay, "claims": cSay, "alleged": cSay | cHedge,
	"alleges": cSay | cHedge, "added": cSay, "adds": cSay, "quoted": cSay, "wrote": cSay,
	"noted": cSay, "insisted": cSay, "confirmed": cSay, "believes": cSay, "believed": cSay,
	// The participles of speech verbs ("…, adding that …"): PETRARCH2 lists "add" under
	// GRANT (060), which coded every such "adding" as material cooperation.
	"adding": cSay, "noting": cSay, "stating": cSay, "claiming": cSay, "insisting": cSay,
	"telling": cSay, "announcing": cSay,
	// "X argued that …" reports a view; PETRARCH2's "argue" is a verbal conflict (110).
	"argue": cSay, "argues": cSay, "argued": cSay, "arguing": cSay,
	"who": cRel, "which": cRel, "whom": cRel, "whose": cRel, "that": cRel | cThat,
	"and": cConj, "but": cConj | cSubord, "or": cConj, "while": cConj | cSubord, "as": cConj,
	"because": cConj | cSubord, "although": cConj | cSubord, "though": cConj | cSubord,
	"when": cConj | cSubord, "where": cConj | cSubord, "whereas": cConj | cSubord,
	"if": cCond | cConj | cSubord, "unless": cCond | cConj | cSubord, "until": cConj | cSubord,
	"lest": cCond | cConj | cSubord,
	// "to determine whether it should be banned", "asked whether Kenya would sign": an
	// indirect question asserts its clause no more than a condition does.
	"whether": cCond | cConj | cSubord,
	"he":      cPron, "she": cPron, "it": cPron, "they": cPron, "we": cPron, "i": cPron,
	"you": cPron, "him": cPron, "them": cPron, "us": cPron,
	";": cBreak, ":": cBreak, "(": cBreak, ")": cBreak, "--": cBreak, "``": cBreak,
	"''": cBreak, "\"": cBreak, "“": cBreak, "”": cBreak, "[": cBreak, "]": cBreak, "—": cBreak,
	",":     cComma,
	"there": cExist,
}

// governors are verbs and adjectives that take another verb as complement ("threatened
// to ban", "refused to deploy", "ready to negotiate"). Verbs are given as lemmas and
// inflected; adjectives and fixed forms are given as they are written.
var governorVerbs = map[string]uint32{
	"plan": cGovIntent, "intend": cGovIntent, "promise": cGovIntent, "pledge": cGovIntent,
	"vow": cGovIntent, "prepare": cGovIntent, "aim": cGovIntent, "want": cGovIntent,
	"expect": cGovIntent, "hope": cGovIntent, "seek": cGovIntent, "commit": cGovIntent,
	"swear": cGovIntent, "schedule": cGovIntent,
	"agree": cGovAgree, "decide": cGovAgree, "approve": cGovAgree, "consent": cGovAgree,
	"resolve": cGovAgree, "choose": cGovAgree, "undertake": cGovAgree,
	"offer": cGovOffer, "propose": cGovOffer, "consider": cGovOffer, "volunteer": cGovOffer,
	"weigh": cGovOffer, "mull": cGovOffer, "contemplate": cGovOffer,
	"threaten": cGovThreat, "warn": cGovThreat,
	"refuse": cGovRefuse, "decline": cGovRefuse, "reject": cGovRefuse, "fail": cGovRefuse,
	"rule":   cGovRefuse, // "ruled out": see phrasal handling
	"deny":   cGovDeny,
	"demand": cGovDemand, "urge": cGovDemand, "ask": cGovDemand, "call": cGovDemand,
	"press": cGovDemand, "order": cGovDemand, "request": cGovDemand, "appeal": cGovDemand,
	"insist": cGovDemand, "invite": cGovDemand, "instruct": cGovDemand, "tell": cGovDemand,
	"encourage": cGovDemand, "pressure": cGovDemand, "force": cGovDemand,
	"try": cGovTry, "attempt": cGovTry, "begin": cGovTry, "start": cGovTry,
	"continue": cGovTry, "resume": cGovTry, "manage": cGovTry, "move": cGovTry,
	"help": cGovTry, "need": cGovTry, "stop": cGovRefuse, "cease": cGovRefuse,
}

var governorWords = map[string]uint32{
	"willing": cGovIntent, "ready": cGovIntent, "prepared": cGovIntent, "set": cGovIntent,
	"due": cGovIntent, "going": cGovIntent, "determined": cGovIntent, "committed": cGovIntent,
	"poised": cGovIntent, "about": cGovIntent, "eager": cGovIntent, "keen": cGovIntent,
	"likely": cGovOffer, "unlikely": cGovOffer | cNeg, "able": cGovOffer, "unable": cGovRefuse,
	"unwilling": cGovRefuse, "reluctant": cGovRefuse, "began": cGovTry, "begun": cGovTry,
	"sought": cGovIntent, "swore": cGovIntent, "sworn": cGovIntent, "undertook": cGovAgree,
	"chose": cGovAgree, "chosen": cGovAgree, "told": cGovDemand,
}

const govMask = cGovIntent | cGovAgree | cGovOffer | cGovThreat | cGovRefuse | cGovDeny | cGovDemand | cGovTry
