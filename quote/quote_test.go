package quote

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heraldnews/herald/entity"
	"github.com/heraldnews/herald/nlp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// render prints quotes one a line: kind | content | speaker | cue | hedges.
func render(text string, qs []Quote) string {
	var b strings.Builder
	for _, q := range qs {
		fmt.Fprintf(&b, "%s | %s | %s | %s | %s\n", q.Kind, text[q.Start:q.End], q.SpeakerName, q.Cue, strings.Join(q.Hedges, ","))
	}
	return b.String()
}

func TestFind(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // render output, without hedges column when hedges are empty
	}{
		{"existential there is no speaker", "There were reports that the ferry would stop running in June.",
			"indirect | that the ferry would stop running in June |  | reports | \n"},
		{"placeholder it is no speaker", "It was revealed in March that the port had lost money. It seems that the bridge will stay shut.",
			"indirect | that the port had lost money |  | revealed | \nindirect | that the bridge will stay shut |  | seems | \n"},
		{"speaker after", `"We will reopen the port next month," Lena Ortiz said.`,
			"direct | We will reopen the port next month | Lena Ortiz | said | \n"},
		{"cue before speaker", "“The budget is balanced,” said Omar Haddad, the finance minister.",
			"direct | The budget is balanced | Omar Haddad, the finance minister | said | \n"},
		{"speaker before with colon", "The mayor told reporters: «Nobody will lose their home.»",
			"direct | Nobody will lose their home. | The mayor | told reporters | \n"},
		{"split quote", "“We tried,” she said, “but the river rose too fast.”",
			"direct | We tried | she | said | \ndirect | but the river rose too fast. | she | said | \n"},
		{"single quotes and apostrophes", "‘We can’t wait for the farmers’ vote,’ Dana Kim said.",
			"direct | We can’t wait for the farmers’ vote | Dana Kim | said | \n"},
		{"straight single quotes", "'It isn't over yet,' the coach said.",
			"direct | It isn't over yet | the coach | said | \n"},
		{"multi-sentence", `"The talks failed. We will try again in spring," Tomas Berg said.`,
			"direct | The talks failed. We will try again in spring | Tomas Berg | said | \n"},
		{"multi-paragraph", "“The first phase is done.\n“The second starts in May,” the engineer said.",
			"direct | The first phase is done. | the engineer | said | \ndirect | The second starts in May | the engineer | said | \n"},
		{"continuation paragraph", "“We will appeal,” Ana Ruiz said.\n“The court has not heard the full evidence in this case.”",
			"direct | We will appeal | Ana Ruiz | said | \ndirect | The court has not heard the full evidence in this case. | Ana Ruiz | said | \n"},
		{"determiner subject of a coordinated cue", "The governor resigned and said, “We are done here.”",
			"direct | We are done here. | The governor | said | \n"},
		{"quoted word in the next sentence's clause", `The judge thinks the tape should be aired but said "the timing is wrong." Sen. Dana Whitlock (D) said it would be "premature" to air it now.`,
			"indirect | the tape should be aired | The judge | thinks | \n" +
				"direct | the timing is wrong. | The judge | said | \n" +
				"indirect | it would be \"premature\" to air it now | Sen. Dana Whitlock (D) | said | \n"},
		{"subject, cue with adjunct, rest of the clause", "The strike, union leaders said on Monday, would go on until wages rose.",
			"indirect | The strike, union leaders said on Monday, would go on until wages rose | union leaders | said | \n"},
		{"content on both sides of a cue", "The harbor lost 4 percent of its traffic, the agency said in a May report, and the airport lost 9 percent.",
			"indirect | The harbor lost 4 percent of its traffic | the agency | said | \n" +
				"indirect | and the airport lost 9 percent | the agency | said | \n"},
		{"participle cue after an attributed quote", "“She was at her best,” Ruiz recalled, suggesting the second hearing had erased the first.",
			"direct | She was at her best | Ruiz | recalled | \n" +
				"indirect | the second hearing had erased the first | Ruiz | suggesting | \n"},
		{"participle cue after a mid-sentence cue", "The fees hurt families, Ruiz said, referencing the bank’s push to open accounts.",
			"indirect | The fees hurt families | Ruiz | said | \n" +
				"indirect | the bank’s push to open accounts | Ruiz | referencing | \n"},
		{"poll as the source of an opening phrase", "In a Gallup poll released Monday, 52 percent of voters backed the levy.",
			"indirect | 52 percent of voters backed the levy | a Gallup poll released Monday | in | \n"},
		{"opening phrase with a cue of its own", "In a statement, the ministry said the levy would pass.",
			"indirect | the levy would pass | the ministry | said | \n"},
		{"relative that after the object", "The governor proposed a national water authority that would be run by the states.",
			"indirect | a national water authority that would be run by the states | The governor | proposed | \n"},
		{"that after the addressee", "The minister told reporters on Monday that the dam would open.",
			"indirect | that the dam would open | The minister | told reporters | \n"},
		{"filings show", "New filings show the campaign has less than $1 million on hand.",
			"indirect | the campaign has less than $1 million on hand | New filings | show | \n"},
		{"according to in the middle", "The port receives, according to one report, $234 million in contracts.",
			"according_to | The port receives, according to one report, $234 million in contracts | one report | according to | \n"},
		{"according to after an opening adverbial", "In addition, according to the ministry, nine million more workers will be covered.",
			"according_to | nine million more workers will be covered | the ministry | according to | \n"},
		{"according to after an opening adverbial and a subject", "On Monday, the port receives, according to one report, $234 million in contracts.",
			"according_to | On Monday, the port receives, according to one report, $234 million in contracts | one report | according to | \n"},
		{"according to in the middle, then another attribution", "The port receives, according to one report, $234 million in contracts, Berg said.",
			"according_to | The port receives | one report | according to | \n" +
				"indirect | $234 million in contracts | Berg | said | \n"},
		{"content on both sides of a cue, then another attribution", "The harbor lost 4 percent of its traffic, the agency said in a May report, and the airport lost 9 percent, the minister said.",
			"indirect | The harbor lost 4 percent of its traffic | the agency | said | \n" +
				"indirect | and the airport lost 9 percent | the minister | said | \n"},
		{"subject, cue, rest of the clause, then another cue", "The strike, union leaders said on Monday, would go on, and the talks, the mediator said, had failed.",
			"indirect | The strike | union leaders | said | \n" +
				"indirect | the talks, the mediator said, had failed | the mediator | said | \n"},
		{"participle after a bare subject", "The plan, Berg said, referencing the audit, will fail.",
			"indirect | The plan, Berg said, referencing the audit, will fail | Berg | said | \n"},
		{"addressee and time before a bare clause", "The president told farmers this weekend he would veto the bill.",
			"indirect | he would veto the bill | The president | told | \n"},
		{"named addressee", "The minister told Ana Ruiz the deal was dead.",
			"indirect | the deal was dead | The minister | told | \n"},
		{"a dateline before reported content", "NAIROBI, Kenya (AP) — Kenyan troops killed 20 fighters in Somalia, the ministry said.",
			"indirect | Kenyan troops killed 20 fighters in Somalia | the ministry | said | \n"},
		{"a body as addressee", "The president told parliament the dispute would be settled through dialogue.",
			"indirect | the dispute would be settled through dialogue | The president | told | \n"},
		{"a body with its article as addressee", "The minister told the cabinet the talks had failed.",
			"indirect | the talks had failed | The minister | told | \n"},
		{"participle after a quote's attribution, names before the quote", `After wins by Gardner in Colorado, Ernst in Iowa and Tillis in Ohio, "we keep them there," Law said, noting that donors are worried.`,
			"direct | we keep them there | Law | said | \n" +
				"indirect | that donors are worried | Law | noting | \n"},
		{"subject with an aside between dashes", "Officials in two states — Nevada and Ohio — said the race was close.",
			"indirect | the race was close | Officials in two states — Nevada and Ohio | said | \n"},
		{"coordinated cues after quoted objects", `Ruiz supports "fair pay raises," opposes "arbitrary pay freezes" and recalled that her father was a clerk.`,
			"indirect | \"fair pay raises,\" | Ruiz | supports | \n" +
				"indirect | \"arbitrary pay freezes\" | Ruiz | opposes | \n" +
				"indirect | that her father was a clerk | Ruiz | recalled | \n"},
		{"time adjunct after a party label", "Chairman Trey Gowdy (R-S.C.) earlier in the day touted the report.",
			"indirect | the report | Chairman Trey Gowdy (R-S.C.) | touted | \n"},
		{"time adjunct after a name", "Broaddrick Sunday night recounted that she had been attacked.",
			"indirect | that she had been attacked | Broaddrick | recounted | \n"},
		{"possessive subject of a coordinated cue", "Sanders’ campaign launched an ad buy on Tuesday and announced that it would add staff.",
			"indirect | that it would add staff | Sanders’ campaign | announced | \n"},
		{"possessive subject, predicate, participle", "Ana Ruiz's eldest daughter, 34, has built her brand around this cause, writing that women deserve more.",
			"indirect | that women deserve more | Ana Ruiz's eldest daughter | writing | \n"},
		{"cue and comma ending the paragraph before", "On Friday, Ryan said,\n“Images like that have no place in a campaign.”",
			"direct | Images like that have no place in a campaign. | Ryan | said | \n"},
		{"dateline is no subject of a coordinated cue", "NAIROBI, Kenya (Reuters) - Kenya's central bank kept its benchmark rate unchanged on Thursday and said inflation would ease.",
			"indirect | inflation would ease | Kenya's central bank | said | \n"},
		{"participle and month between subject and cue", "A report by the World Bank released in June found that illegal fishing costs Kenya dearly.",
			"indirect | that illegal fishing costs Kenya dearly | the World Bank | found | \n"},
		{"possessive speech noun", "The Ugandan government's statement that all roads were open was disputed by aid workers.",
			"indirect | that all roads were open | The Ugandan government's | statement | \n"},
		{"addressee and adjunct before that", "Ruto defended the tax, telling the nation in a televised address that the reform had saved Kenya.",
			"indirect | the tax | Ruto | defended | \nindirect | that the reform had saved Kenya | Ruto | telling | \n"},
		{"even as is the writer's", "Ruto said the government would not withdraw the tax, even as thousands marched through Nairobi.",
			"indirect | the government would not withdraw the tax | Ruto | said | \n"},
		{"time adjunct before content without that", "The finance ministry said on Wednesday it would seek a new loan.",
			"indirect | it would seek a new loan | The finance ministry | said | \n"},
		{"tagger's cue opening on the speaker's noun", "The electoral commission rejected the accusation on Monday.",
			"indirect | the accusation | The electoral commission | rejected | \n"},
		{"closing attribution with a long name and a time", "Kenya's tea exports could fall by a fifth after drought hit the highlands, the Tea Growers and Traders Association said on Wednesday.",
			"indirect | Kenya's tea exports could fall by a fifth after drought hit the highlands | the Tea Growers and Traders Association | said | could\n"},
		{"closing attribution over a weaker cue", "Nordwerk plans to close two plants by 2027, the company confirmed on Monday.",
			"indirect | Nordwerk plans to close two plants by 2027 | the company | confirmed | \n"},
		{"closing attribution to an outlet", "The miner has offered the villages a share of royalties, the newspaper La Tercera reported.",
			"indirect | The miner has offered the villages a share of royalties | the newspaper La Tercera | reported | \n"},
		{"a later clause's hedge is its own", "The union said it would fight the cuts, but warned that strikes could begin in May.",
			"indirect | it would fight the cuts | The union | said | \nindirect | that strikes could begin in May | The union | warned | could\n"},
		{"according to a study by its author", "According to a study by the Bandung Institute of Technology, pumping caused most of the subsidence.",
			"according_to | pumping caused most of the subsidence | a study by the Bandung Institute of Technology | according to | \n"},
		{"a measure is no cue, and 'of' goes on in a name", "The Bank of Uganda cut its policy rate by a quarter point to 9.5% on Tuesday and said growth was strong.",
			"indirect | growth was strong | The Bank of Uganda | said | \n"},
		{"and inside an organisation's name", "The Ministry of Public Works and Housing estimated that the wall would cost $40 billion.",
			"indirect | that the wall would cost $40 billion | The Ministry of Public Works and Housing | estimated | \n"},
		{"dateline with a date is no subject", "CAIRO, Aug 22 (Reuters) - Egypt's central bank kept its rates unchanged on Thursday, saying inflation was slowing.",
			"indirect | inflation was slowing | Egypt's central bank | saying | \n"},
		{"closing estimate before the writer's clause", "Ghana may lose 150,000 tonnes of cocoa this season, the regulator COCOBOD estimated on Tuesday, as farmers send beans abroad.",
			"indirect | Ghana may lose 150,000 tonnes of cocoa this season | the regulator COCOBOD | estimated | may\n"},
		{"lower-case title, name and age after an opening place", "In Kyoto, resident Keiko Tanabe, 68, complained that crowded buses made shopping impossible.",
			"indirect | that crowded buses made shopping impossible | resident Keiko Tanabe, 68 | complained | \n"},
		{"participle describing the cue's statement", "The rebels said in a statement posted on social media that they would study the offer.",
			"indirect | that they would study the offer | The rebels | said in a statement | \n"},
		{"scare quote", `The so-called "peace dividend" never arrived.`, ""},
		{"title in quotes", "She starred in “The Long Night” last year.", ""},
		{"scare quote with a cue before it", `Analysts questioned the so-called "growth miracle" announced by the ministry.`, ""},
		{"a nickname is its givers' words", "The port, which dockers have nicknamed “the Anvil,” handles most of the trade.",
			"indirect | “the Anvil | dockers | have nicknamed | \n"},
		{"work's noun before a title", "The film “Rivers of Salt,” a portrait of fishing families, opened in Mombasa.", ""},
		{"title with a cue near", "In his 2019 book, “Harbours of the North,” Berg suggested buying a boat.", ""},
		{"title of a show", "Ortiz appeared on his show, “Harbour Talk,” last week.", ""},
		{"a chant is no title", "“Lena! Lena!” the crowd chanted as Ortiz spoke.",
			"direct | Lena! Lena! | the crowd | chanted | \n"},
		{"reported that", "The minister said that the dam would be finished by June.",
			"indirect | that the dam would be finished by June | The minister | said | \n"},
		{"reported bare clause", "Officials warned the storm could cut power to thousands of homes.",
			"indirect | the storm could cut power to thousands of homes | Officials | warned | could\n"},
		{"content first", "The bridge will stay closed until Friday, a city spokesman said.",
			"indirect | The bridge will stay closed until Friday | a city spokesman | said | \n"},
		{"content first, cue before speaker", "Prices will rise again next year, said Mira Patel, an economist at the bank.",
			"indirect | Prices will rise again next year | Mira Patel, an economist at the bank | said | \n"},
		{"according to after", "The rebels reportedly seized the airport, according to local media.",
			"according_to | The rebels reportedly seized the airport | local media | according to | reportedly\n"},
		{"according to before", "According to the report, the company may have hidden its losses.",
			"according_to | the company may have hidden its losses | the report | according to | may\n"},
		{"outlet", "The Daily Ledger reported that the senator had resigned.",
			"indirect | that the senator had resigned | The Daily Ledger | reported | \n"},
		{"denied", "The ministry denied that troops had crossed the border.",
			"indirect | that troops had crossed the border | The ministry | denied | \n"},
		{"appositive speaker", "Karl Demir, a spokesman for the union, insisted the strike would go ahead.",
			"indirect | the strike would go ahead | Karl Demir, a spokesman for the union | insisted | \n"},
		{"parenthetical cue", "The plan, the governor argued, will save money.",
			"indirect | The plan, the governor argued, will save money | the governor | argued | \n"},
		{"no quotes", "The river rose two meters overnight.", ""},
		{"fronted clause", "While the mayor says the tunnel is safe, engineers have closed it twice this year.",
			"indirect | the tunnel is safe | the mayor | says | \n"},
		{"fronted participle", "Asked about the delay, the builder shrugged and walked away.",
			"indirect | the delay |  | asked about | \n"},
		{"long appositive", "Lena Ortiz, who has run the harbour authority since the flood and sits on three boards, said the port would reopen.",
			"indirect | the port would reopen | Lena Ortiz, who has run the harbour authority since the flood and sits on three boards | said | \n"},
		{"unlisted verb before that", "The harbour board conceded that the new cranes had arrived late.",
			"indirect | that the new cranes had arrived late | The harbour board | conceded | \n"},
		{"that as a determiner", "The mayor opened that bridge in spring.", ""},
		{"plural noun before that", "Local fishing groups that opposed the dam met on Friday.", ""},
		{"headline colon", "Ortiz: We Will Reopen the Port by Spring",
			"indirect | We Will Reopen the Port by Spring | Ortiz | : | \n"},
		{"colon label", "Update: the port reopened on Friday morning.", ""},
		{"colon dateline", "HARBOURTON: the port reopened on Friday morning.", ""},
		{"colon time", "Ortiz: 3:25 p.m. at the port gate", ""},
		{"party and state", "Rep. Tomas Berg (D-Ore.) said the levee would hold.",
			"indirect | the levee would hold | Rep. Tomas Berg (D-Ore.) | said | \n"},
		{"month as surname", "Finance Minister Clara May said the budget was balanced.",
			"indirect | the budget was balanced | Finance Minister Clara May | said | \n"},
		{"day between subject and cue", "Berg on Monday said the levee would hold.",
			"indirect | the levee would hold | Berg | said | \n"},
		{"conjunction before appositive", "But Ana Ruiz, deputy director of the river authority for the northern districts, said the levee would hold.",
			"indirect | the levee would hold | Ana Ruiz, deputy director of the river authority for the northern districts | said | \n"},
		{"nested attribution", "Ortiz said the builders had admitted that the levee was too low.",
			"indirect | the builders had admitted that the levee was too low | Ortiz | said | \nindirect | that the levee was too low | the builders | admitted | \n"},
		{"nested participle is not a new speaker", "Berg posted the report, titled Low Water, on the council website.",
			"indirect | the report | Berg | posted | \n"}, // the learned end (ends.go); no "titled" quote
		{"long appositive after quote", "“We are ready,” Tomas Berg (D-Ore.), who chairs the committee on ports and waterways, said.",
			"direct | We are ready | Tomas Berg (D-Ore.), who chairs the committee on ports and waterways | said | \n"},
		{"subject of coordinated cue", "Dana Kim toured the flooded market on Monday and said the repairs would take a year.",
			"indirect | the repairs would take a year | Dana Kim | said | \n"},
		{"participle and addressee before a quote", "Dana Kim toured the flooded market, telling the crowd, “We will rebuild every stall.”",
			"direct | We will rebuild every stall. | Dana Kim | telling | \n"},
		{"participle and that before a quote", "“It is not new on this coast,” said Tomas Berg (D-Ore.) at the time, adding that “nobody has been hurt.”",
			"direct | It is not new on this coast | Tomas Berg | said | \ndirect | nobody has been hurt. | Tomas Berg | adding | \n"},
		{"according to before a quote", "According to the harbour board, “the cranes arrived late.”",
			"direct | the cranes arrived late. | the harbour board | according to | \n"},
		{"subject of participle cue", "Omar Haddad visited the new plant, saying it was cleaner.",
			"indirect | it was cleaner | Omar Haddad | saying | \n"},
		{"new statement after and", "Lena Ortiz said the port would reopen in May, and she added that fees would fall.",
			"indirect | the port would reopen in May | Lena Ortiz | said | \nindirect | that fees would fall | she | added | \n"},
		{"adverbial before subject is not content", "On Tuesday, the harbour board refused to lower the fees, in a vote of five to two.",
			"indirect | to lower the fees | the harbour board | refused | \n"}, // the vote is the board's, not content
		{"clause after cue is not a tail", "In Harbourton, most fishermen said they were worried.",
			"indirect | they were worried | most fishermen | said | \n"},
		{"outlet after told is a tail", "The levee held through the night, a river official told The Valley Courier.",
			"indirect | The levee held through the night | a river official | told | \n"},
		{"name then auxiliary is a subject", "Dana Kim, a fisherman from the north shore, says Berg will win the vote.",
			"indirect | Berg will win the vote | Dana Kim, a fisherman from the north shore | says | \n"},
		{"long appositive after content", "Fees will fall, said Dana Kim, who has chaired the harbour board since the flood of the spring before last.",
			"indirect | Fees will fall | Dana Kim | said | \n"},
		{"quote ending a sentence is not the next cue's", "“The plan is a disgrace to the town and to its people.” He said the board had misled everyone.",
			"direct | The plan is a disgrace to the town and to its people. |  |  | \nindirect | the board had misled everyone | He | said | \n"},
		{"short quote before a cue with content", "On “Harbour Talk,” Ortiz said the fees would fall next year.",
			"indirect | the fees would fall next year | Ortiz | said | \n"},
		{"participle after a quote takes the speaker, not a name in the quote",
			"“Norway will keep the port open,” Omar Haddad told reporters, adding that fees would not rise.",
			"direct | Norway will keep the port open | Omar Haddad | told reporters | \nindirect | that fees would not rise | Omar Haddad | adding | \n"},
		{"infinitive cue takes the clause's subject", "Ruiz went on to say, “We will rebuild every house on the river.”",
			"direct | We will rebuild every house on the river. | Ruiz | say | \n"},
		{"gerund cue after a preposition takes the clause's subject", "Ortiz continued by saying, “The port will reopen on Monday.”",
			"direct | The port will reopen on Monday. | Ortiz | saying | \n"},
		{"quote that goes on where reported content stops", "The council said it will “review the fees in January and expect to cut them.”",
			"indirect | it will “review the fees in January | The council | said | \ndirect | review the fees in January and expect to cut them. | The council | said | \n"},
		{"participle after an opening adverbial takes the clause's subject", "On Monday, Ortiz tried to calm the fishermen, warning that the fees would rise.",
			"indirect | that the fees would rise | Ortiz | warning | \n"},
		{"time adjunct between subject and cue", "A Norwegian poll conducted last week found that voters distrust the plan.",
			"indirect | that voters distrust the plan | A Norwegian poll | found | \n"},
		{"quote after reported speech in its paragraph takes its speaker", "Ortiz said the port would reopen soon. “Nobody knows when the ferries will run again.”",
			"indirect | the port would reopen soon | Ortiz | said | \ndirect | Nobody knows when the ferries will run again. | Ortiz | said | \n"},
		{"but not across paragraphs", "Ortiz said the port would reopen soon.\nThe mayor disagreed. “Nobody knows when the ferries will run again.”",
			"indirect | the port would reopen soon | Ortiz | said | \ndirect | Nobody knows when the ferries will run again. |  |  | \n"},
		{"opening adverbial is not the speaker", "During the long debate, Ortiz stood up, saying, “The plan will fail and everyone in this room knows it.”",
			"direct | The plan will fail and everyone in this room knows it. | Ortiz | saying | \n"},
		{"adverb between the comma and a participle cue", "Ortiz said the fees were too high, later adding, “The port cannot survive another year like this one.”",
			"indirect | the fees were too high | Ortiz | said | \ndirect | The port cannot survive another year like this one. | Ortiz | adding | \n"},
		{"and-coordinated cue after an adverb", "Ortiz toured the harbour and then claimed that the fees were too high.",
			"indirect | that the fees were too high | Ortiz | claimed | \n"},
		{"coordinated cue ends content", "Ortiz said the fees were too high and promised to cut them.",
			"indirect | the fees were too high | Ortiz | said | \nindirect | to cut them | Ortiz | promised | \n"},
		{"new subject and any cue ends content", "Berg said the port was safe, and she accused him of lying.",
			"indirect | the port was safe | Berg | said | \nindirect | him of lying | she | accused | \n"},
		{"relative clause content ends at its comma", "Dana Kim, who said the fees were too high, walked out of the meeting.",
			"indirect | the fees were too high | Dana Kim | said | \n"},
		{"long adjunct after content-first cue", "The levee will hold until spring, she said in a video message to the council.",
			"indirect | The levee will hold until spring | she | said | \n"},
		{"unlisted cue found by the tagger", "The harbour board did not immediately respond to requests for comment.",
			"indirect | requests for comment | The harbour board | did not immediately respond to | \n"},
		{"tagger's cue holding a listed one", "The dam's owners have repeatedly insisted that releases follow the treaty.",
			"indirect | that releases follow the treaty | The dam's owners | insisted | \n"},
		{"title to a place in the speaker", "U.S. Ambassador to Norway Carl Berg praised the harbour deal.",
			"indirect | the harbour deal | U.S. Ambassador to Norway Carl Berg | praised | \n"},
		{"title to a place before an appositive", "The Ambassador to Norway, Carl Berg, said the talks went well.",
			"indirect | the talks went well | The Ambassador to Norway, Carl Berg | said | \n"},
		{"to after the cue is not a title's", "Berg said to reporters that the talks went well.",
			"indirect | that the talks went well | Berg | said | \n"},
		{"preposition before a noun cue is not a speaker", "The port stayed open following reports that the storm had turned.",
			"indirect | that the storm had turned |  | reports | \n"},
		{"unlisted cue before a quote attributes it, once", "Berg issued a statement, “The port will reopen in the spring, whatever they say.”",
			"direct | The port will reopen in the spring, whatever they say. | Berg | issued a statement | \n"},
		{"participle cue before a quote", "Ortiz claimed victory in a tweet, saying: “We won the vote in the harbour towns.”",
			"indirect | victory in a tweet | Ortiz | claimed | \ndirect | We won the vote in the harbour towns. | Ortiz | saying | \n"},
		{"dash paragraph signs a quote", "“The port will reopen in the spring, whatever the polls say.”\n- Lena Ortiz.\nThat is not so.",
			"direct | The port will reopen in the spring, whatever the polls say. | Lena Ortiz | - | \n"},
		{"party and state before a relative clause", "Sen. Ana Ruiz (D-Ore.), who has endorsed Berg, said the port would reopen.",
			"indirect | the port would reopen | Sen. Ana Ruiz (D-Ore.) | said | \n"},
		{"cue after but takes the earlier speaker", "Ruiz said she liked the plan, but lamented the lack of detail.",
			"indirect | she liked the plan | Ruiz | said | \nindirect | the lack of detail | Ruiz | lamented | \n"},
		{"participle after by takes the subject", "Berg couched his concern on Tuesday by repeating that the dam was safe.",
			"indirect | that the dam was safe | Berg | repeating | \n"},
		{"coordinated cue before a quote", "Ruiz said it was too early, but added, “We will win the vote in the end.”",
			"indirect | it was too early | Ruiz | said | \ndirect | We will win the vote in the end. | Ruiz | added | \n"},
		{"participle cue before a quote after an adverbial", "In a statement on Friday, Ana Ruiz reacted to the news, saying: “It should shock everyone.”",
			"direct | It should shock everyone. | Ana Ruiz | saying | \n"},
		{"addressee after told is not content", "“It is doable,” Risch told The Harbour Review on Monday. “We will get it done before winter.”",
			"direct | It is doable | Risch | told | \ndirect | We will get it done before winter. | Risch | told | \n"},
		{"said-phrase cue is never filtered", "The talks ended without an agreement, the host government said in a statement.",
			"indirect | The talks ended without an agreement | the host government | said in a statement | \n"},
		{"horizontal bar signs a quote", "“The fees are too high for the fishermen.”― Carla Ruiz",
			"direct | The fees are too high for the fishermen. | Carla Ruiz | ― | \n"},
		{"headline cue in title case", "Harbour Chief Lena Ortiz Endorses Tomas Berg For Mayor",
			"indirect | Tomas Berg For Mayor | Harbour Chief Lena Ortiz | endorses | \n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := testDoc(tc.text)
			got := render(tc.text, Find(doc, &entity.Set{}))
			if got != tc.want {
				t.Errorf("Find(%q)\ngot:\n%swant:\n%s", tc.text, got, tc.want)
			}
		})
	}
}

// TestResolve checks that every speaker is resolved to its entity, and that a pronoun
// speaker takes the entity's name while a description keeps its words.
func TestResolve(t *testing.T) {
	text := "Ines Carvalho spoke in Lisbon. “We have the votes,” she said. The minister said the law would pass."
	doc := testDoc(text)
	e := &entity.Entity{ID: "E1", Name: "Ines Carvalho", Type: "PERSON"}
	add := func(s, kind string, from int) {
		i := strings.Index(text[from:], s) + from
		e.Mentions = append(e.Mentions, entity.Mention{Start: i, End: i + len(s), Text: s, Kind: kind})
	}
	add("Ines Carvalho", entity.KindName, 0)
	add("she", entity.KindPronoun, 0)
	add("The minister", entity.KindTitle, 0)
	set := &entity.Set{Entities: []*entity.Entity{e}}
	set.Reindex()
	qs := Find(doc, set)
	if len(qs) != 2 {
		t.Fatalf("got %d quotes:\n%s", len(qs), render(text, qs))
	}
	for _, q := range qs {
		w := text[q.SpeakerStart:q.SpeakerEnd]
		want := map[string]string{"she": "Ines Carvalho", "The minister": "The minister"}[w]
		if want == "" {
			t.Errorf("speaker span %q", w)
		}
		if q.Speaker != e || q.SpeakerName != want {
			t.Errorf("quote %q: speaker %v %q, want %q", text[q.Start:q.End], q.Speaker, q.SpeakerName, want)
		}
	}
}

// TestRelativeSpeaker checks that a relative "who" as speaker stays as written but
// resolves to the entity it stands for, across a content the scan ended before it.
func TestRelativeSpeaker(t *testing.T) {
	text := "The mayor praised Ines Carvalho, who said the bridge would reopen in May."
	doc := testDoc(text)
	e := &entity.Entity{ID: "E1", Name: "Ines Carvalho", Type: "PERSON"}
	i := strings.Index(text, "Ines Carvalho")
	e.Mentions = append(e.Mentions, entity.Mention{Start: i, End: i + len("Ines Carvalho"), Text: "Ines Carvalho", Kind: entity.KindName})
	set := &entity.Set{Entities: []*entity.Entity{e}}
	set.Reindex()
	var found bool
	for _, q := range Find(doc, set) {
		if q.Cue != "said" {
			continue
		}
		found = true
		if q.SpeakerName != "who" || q.Speaker != e {
			t.Errorf("speaker %v %q, want E1 as \"who\"", q.Speaker, q.SpeakerName)
		}
	}
	if !found {
		t.Fatalf("no quote with cue said:\n%s", render(text, Find(doc, set)))
	}
}

// TestGolden runs every testdata/*.txt article and compares with its .golden file.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if len(files) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			got := render(text, Find(testDoc(text), &entity.Set{}))
			gf := strings.TrimSuffix(f, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(gf, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(gf)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs:\ngot:\n%swant:\n%s", gf, got, want)
			}
		})
	}
}

func TestFindEdgeCases(t *testing.T) {
	for _, text := range []string{"", "\"", "“", "''", "' '", "\x00\"\x00", "«", "“a", "\xff\xfe\"said\"",
		"said", "according to", ", said", "\"a,\" said", "According to", "He said:", "“”"} {
		doc := testDoc(text)
		Find(doc, nil)
		Find(doc, &entity.Set{})
	}
	Find(nil, nil)
	Find(&nlp.Doc{Text: "x"}, nil)
	// Tokens and paragraphs out of range must not panic.
	Find(&nlp.Doc{Text: "ab", Paragraphs: []nlp.Span{{Start: -3, End: 99}},
		Sentences: []nlp.Sentence{{Tokens: []nlp.Token{{Start: 0, End: 50}, {Start: 1, End: 2, Text: "b"}}}}}, nil)
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		`"We will win," she said.`, "“Open\n“and on,” he said, “and on.”", "According to officials, it may rain.",
		"'unbalanced “quotes ‘everywhere", "\x00\xff\"", "The plan, he said, will fail.",
		"KIM: We will.\n\"HOST: Why?\n\"KIM:", "“We won.”― Ana Ruiz", "Ambassador to X Y said to Z",
		"The port receives, according to one report, $9 million, Berg said.", "In a CNN poll, 52 percent backed it.",
		"“Done,” Ruiz said, suggesting the rest. X fell, the agency said in May, and Y rose, the minister said.",
	} {
		f.Add(s)
	}
	// A person named Kim makes "KIM:" paragraphs transcript turns.
	person := &entity.Set{Entities: []*entity.Entity{{ID: "E1", Name: "Dana Kim", Type: "PERSON"}}}
	person.Reindex()
	f.Fuzz(func(t *testing.T, s string) {
		doc := testDoc(s)
		for _, set := range []*entity.Set{{}, person} {
			for _, q := range Find(doc, set) {
				if q.Start < 0 || q.End > len(s) || q.Start >= q.End {
					t.Fatalf("bad span %d-%d in %q", q.Start, q.End, s)
				}
				if q.SpeakerEnd > len(s) || q.SpeakerStart > q.SpeakerEnd {
					t.Fatalf("bad speaker span %d-%d in %q", q.SpeakerStart, q.SpeakerEnd, s)
				}
			}
		}
	})
}

func TestLongLine(t *testing.T) {
	// A 1 MB line with unbalanced marks and cue words: Find still finds its cues and keeps
	// every span inside the text. (A blow-up on it shows as the test binary's timeout;
	// BenchmarkFind measures speed.)
	var b strings.Builder
	for b.Len() < 1<<20 {
		b.WriteString(`He said "the plan, according to “officials, would fail ‘soon `)
	}
	text := b.String()
	qs := Find(nlp.Analyze(text, nil), &entity.Set{})
	if len(qs) == 0 {
		t.Fatal("no quote found on the 1 MB line")
	}
	for _, q := range qs {
		if q.Start < 0 || q.End > len(text) || q.Start >= q.End || q.SpeakerStart > q.SpeakerEnd || q.SpeakerEnd > len(text) {
			t.Fatalf("bad span %d-%d (speaker %d-%d) in a text of %d bytes", q.Start, q.End, q.SpeakerStart, q.SpeakerEnd, len(text))
		}
	}
}

func benchText() string {
	b, err := os.ReadFile(filepath.Join("testdata", "council.txt"))
	if err != nil {
		panic(err)
	}
	text := string(b)
	for len(text) < 4096 {
		text += "\n" + string(b)
	}
	return text[:strings.LastIndexByte(text[:4096], '\n')]
}

func BenchmarkFind(b *testing.B) {
	text := benchText()
	doc := testDoc(text)
	ents := &entity.Set{}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Find(doc, ents)
	}
}

// BenchmarkFindManyQuotes runs Find on 20,000 unattributed quotes in one paragraph: the
// passes that relate quotes to one another must stay linear (they were quadratic: 2.9 s
// for 25,000 quotes in herald extract, 9.4 s for 50,000).
func BenchmarkFindManyQuotes(b *testing.B) {
	text := strings.Repeat("\"We will win this race today, and then more.\" ", 20000)
	doc := testDoc(text)
	ents := &entity.Set{}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Find(doc, ents)
	}
}

// TestTranscript checks that the turns of a transcript are attributed to their capitalised
// labels, quotation-marked or not, once one label names a person the article mentions, and
// that a lone capitalised label is not a speaker.
func TestTranscript(t *testing.T) {
	tests := []struct {
		name, text, want string
		person           string // a person entity of the article, "" for none
	}{
		{"quoted turns", "Dana Kim spoke to the harbour radio on Sunday. Part of the interview follows:\n" +
			"\"HOST: Will the port open before the storms come back in the autumn?\n" +
			"\"KIM: We expect the first ships in May, and the fees will not rise this year.\n" +
			"\"We have waited long enough.\"",
			"direct | Will the port open before the storms come back in the autumn? | HOST | : | \n" +
				"direct | We expect the first ships in May, and the fees will not rise this year. | KIM | : | \n" +
				"direct | We have waited long enough. | KIM | : | \n",
			"Dana Kim"},
		{"unquoted turns", "HOST: Is the levee safe for the winter?\nKIM: It is, and we check it every week.",
			"direct | Is the levee safe for the winter? | HOST | : | \ndirect | It is, and we check it every week. | KIM | : | \n",
			"Dana Kim"},
		{"labels naming nobody", "HARBOURTON: The port reopened on Friday after the repairs.\nUPDATE: The fees fell.", "", ""},
		{"media label is not a turn", "VIDEO: The levee is breached at the northern end.\nKIM: The levee held all night long.",
			"direct | The levee held all night long. | KIM | : | \n", "Dana Kim"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			set := &entity.Set{}
			if tc.person != "" {
				set.Entities = []*entity.Entity{{ID: "E1", Name: tc.person, Type: "PERSON"}}
				set.Reindex()
			}
			qs := Find(testDoc(tc.text), set)
			if got := render(tc.text, qs); got != tc.want {
				t.Errorf("got:\n%swant:\n%s", got, tc.want)
			}
			for _, q := range qs {
				if q.Speaker == nil && tc.text[q.SpeakerStart:q.SpeakerEnd] == "KIM" {
					t.Errorf("speaker KIM not resolved to %s", tc.person)
				}
			}
		})
	}
}

// TestResolveTitle checks that a speaker written as an office and then a name ("Ambassador
// to Norway Carl Berg", "Minister of Finance Carl Berg") resolves to the person, and that
// "a spokesman for Carl Berg" does not.
func TestResolveTitle(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"U.S. Ambassador to Norway Carl Berg praised the harbour deal.", true},
		{"Minister of Finance Carl Berg said the budget was balanced.", true},
		{"A spokesman for Carl Berg said the budget was balanced.", false},
		{"Carl Berg's claim that the budget was balanced drew laughter.", true},
		{"Carl Berg's campaign said the budget was balanced.", false},
	} {
		i := strings.Index(tc.text, "Carl Berg")
		e := &entity.Entity{ID: "E1", Name: "Carl Berg", Type: "PERSON",
			Mentions: []entity.Mention{{Start: i, End: i + len("Carl Berg"), Text: "Carl Berg", Kind: entity.KindName}}}
		set := &entity.Set{Entities: []*entity.Entity{e}}
		set.Reindex()
		qs := Find(testDoc(tc.text), set)
		if len(qs) != 1 || (qs[0].Speaker == e) != tc.want {
			t.Errorf("%q: got %d quotes, want one spoken by Carl Berg: %v\n%s", tc.text, len(qs), tc.want, render(tc.text, qs))
		}
	}
}

func TestStageDirection(t *testing.T) {
	for _, tc := range []struct {
		content string
		want    bool
	}{
		{"(CROSSTALK.)", true},
		{"[LAUGHTER]", true},
		{" (applause) ", true},
		{"(We will win) and then we will rebuild", false},
		{"We will win (and rebuild).", false},
		{"(a) the port, (b) the bridge", false},
	} {
		if got := stageDirection(tc.content); got != tc.want {
			t.Errorf("%q: %v, want %v", tc.content, got, tc.want)
		}
	}
}

// TestItSpeaker checks that "it" before a speech verb is the organisation that opened a
// recent sentence, and that a possessor or a non-speech "it" is no one.
func TestItSpeaker(t *testing.T) {
	tests := []struct {
		text, org, want string // want: the speaker name of the quote after "it"
	}{
		{"The Kenya Wildlife Service rejected the figures. It said poaching had fallen by half.",
			"Kenya Wildlife Service", "Kenya Wildlife Service"},
		{"The Kenya Wildlife Service rejected the figures. In a statement, it added that poaching had fallen.",
			"Kenya Wildlife Service", "Kenya Wildlife Service"},
		{"Conservation group Kenya Wildlife Service rejected the figures. It said poaching had fallen by half.",
			"Kenya Wildlife Service", "Kenya Wildlife Service"},
		{"Kenya Wildlife Service's rangers rejected the figures. It said poaching had fallen by half.",
			"Kenya Wildlife Service", "It"},
		{"The Kenya Wildlife Service rejected the figures. It hopes that poaching will fall.",
			"Kenya Wildlife Service", "It"},
	}
	for _, tt := range tests {
		doc := testDoc(tt.text)
		e := &entity.Entity{ID: "E1", Name: tt.org, Type: "ORG"}
		i := strings.Index(tt.text, tt.org)
		e.Mentions = append(e.Mentions, entity.Mention{Start: i, End: i + len(tt.org), Text: tt.org, Kind: entity.KindName})
		set := &entity.Set{Entities: []*entity.Entity{e}}
		set.Reindex()
		got := "(no quote after it)"
		for _, q := range Find(doc, set) {
			if w := strings.ToLower(tt.text[q.SpeakerStart:q.SpeakerEnd]); w == "it" {
				got = q.SpeakerName
				if q.Speaker != nil && q.Speaker != e {
					t.Errorf("%q: speaker entity %v", tt.text, q.Speaker)
				}
			}
		}
		if got != tt.want {
			t.Errorf("%q: speaker after it %q, want %q", tt.text, got, tt.want)
		}
	}
}
