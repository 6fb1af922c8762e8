package entity

import (
	"strings"

	"github.com/heraldnews/herald/nlp"
)

// givenNameGender maps common given names, lower case, to 'm' or 'f': a pronoun of the
// other gender does not refer to "Hillary Clinton" or "Donald Trump", even before an
// honorific or an earlier pronoun has told the gender. Names borne by both sexes in the
// news ("Lindsey Graham", "Kelly Ayotte", "Kim Jong Un", "Jean Chrétien") are left out.
var givenNameGender = func() map[string]byte {
	m := map[string]byte{}
	for g, names := range map[byte]string{
		'm': `aaron abdel abdullah abraham adam adrian ahmed al alan albert alberto alejandro
			alex alexander alexei alfred ali allen alvaro anders andre andrew andrés andres angelo
			angus anthony antonin antonio anwar arnold arthur ashraf barack barry bashar ben
			benjamin benny bernard bernie bill billy bob bobby boris brad bradley brandon brent
			brett brian bruce bryan carl carlos charles charlie chuck clarence clint colin corey
			craig curt dale dan daniel danny darrell dave david dennis derek dick dmitry don
			donald doug douglas duncan dwight earl ed eddie edward elijah elliott emmanuel enrique
			eric erik ernest eugene evan felipe fernando francis francisco frank franklin fred
			frederick gabriel gary gavin geoff geoffrey george gerald gordon graham greg gregory
			hamid harold harry hassan henry herbert howard hugh hugo ian igor isaac ivan jack
			jacob jake james jared jason javier jay jeb jeff jeffrey jeremy jerome jerry jesse
			jim jimmy joaquin joe joel john johnny jon jonathan jorge jose josé joseph josh joshua
			juan julian justin karl keith ken kenneth kevin khalid kurt lance larry lawrence
			leon leonard lloyd louis luis luke lyndon malcolm manuel marco marcus mario mark
			martin matt matthew max michael miguel mike mikhail milton mitch mitt mohammad
			mohammed muhammad narendra nathan neil newt nicholas nick nicolas nigel oliver omar
			oscar owen pablo patrick paul pedro peter phil philip phillip pierre rafael ralph
			rand randy ray raymond reince reza ricardo richard rick rob robby robert roberto
			rodrigo roger roland ron ronald roy rudy russell ryan salman sam samuel scott sean
			sergei sergio seth shane sherrod simon stanley stephen steve steven stuart ted
			terrence thomas tim timothy todd tom tony trey troy tyler vernon victor vince vincent
			vladimir walter wayne wesley william willie xavier yusuf zachary
			abiy uhuru yoweri emmerson cyril bola muhammadu macky bassirou felix félix denis
			recep volodymyr olaf friedrich keir rishi shehbaz imran nawaz rahul joko prabowo
			ferdinand shinzo fumio shigeru luiz gustavo sebastian sebastián mauricio jair evo
			guillermo abdelmadjid kais mohamed mahmoud yair naftali ebrahim masoud ilham nikol
			kassym shavkat aleksandar viktor andrzej mateusz karol petr andrej milos miloš
			zoran jens ulf sauli gitanas egils hakainde paulo`,
		'f': `abigail alexandra alice alicia alison amanda amber amy ana andrea angela angelina
			anita ann anna anne annie barbara beatriz becky betsy betty beverly bonnie brenda
			caitlin camila carla carly carmen carol caroline carolyn catherine cecile charlotte
			chelsea cheryl christina christine cindy claire claudia condoleezza connie cynthia
			daisy deborah debbie debra denise diana diane dianne donna dora doris dorothy edith
			eileen elaine eleanor elena elisabeth elizabeth ellen emily emma erica erin esther
			eva evelyn fatima florence frances gabriela gabrielle gail geraldine gina gloria grace
			hannah harriet heather heidi helen hillary hope huma ilhan irene iris ivanka jacqueline
			jane janet janice jeanne jennifer jessica jill joan joanna joanne joni josephine joy
			joyce judith judy julia julie karen kate katherine kathleen kathryn kathy katie
			kellyanne kirsten laura lauren leah linda lisa loretta lucy lynn madeleine madonna
			margaret maria marie marina marine marion marsha martha mary maureen maxine megan megyn
			melania melanie melissa mia michele michelle mildred miriam molly monica nancy naomi
			natalie nicole nikki nina nora olivia pamela patricia patty paula pauline penny
			rachel rebecca rita roberta rosa rose ruth sally samantha sandra sara sarah sharon
			sheila sheryl shirley sonia sophia stephanie sue susan susana suzanne sylvia tammy
			tanya teresa theresa tiffany tulsi ursula valerie vanessa veronica victoria virginia
			wendy yolanda yvonne
			clara ines inés lucia lucía sofia sofía valentina fernanda paola daniela mariana
			isabel adriana lorena marta silvia cristina xiomara dilma ngozi amina fatou aisha
			wanjiku mercy priya sunita indira anjali yuki keiko olga natalia tatiana svetlana
			yulia ewa agnieszka katarzyna ingrid annalena giorgia francesca giulia leila layla
			nadia rania samia halima aminata mette magdalena kaja evika`,
	} {
		for _, n := range strings.Fields(names) {
			m[n] = g
		}
	}
	return m
}()

// nameGender returns the gender of a person's written name by its first given name, 0
// when unknown. A single word says nothing: "Paul" may be Rand Paul.
func nameGender(toks []string) byte {
	if len(toks) < 2 {
		return 0
	}
	g, _ := nlp.LookupFold(givenNameGender, givenNameFirst, toks[0]) // no lower-cased copy
	return g
}

// fullNameGender is nameGender of a name joined by single spaces ("Hillary Clinton"),
// without splitting it.
func fullNameGender(name string) byte {
	first, _, ok := strings.Cut(name, " ")
	if !ok {
		return 0
	}
	g, _ := nlp.LookupFold(givenNameGender, givenNameFirst, first)
	return g
}

var givenNameFirst = nlp.FirstBytes(givenNameGender)
