// kanten/rules/sources.hpp — the texts kanten's rules rest on, and the sentences it cites from them.
//
// Every decision kanten makes names its ground, so a caseworker or a lawyer can check the code
// against the text line by line:
// - a Source: a sentence of one of the Danish source texts — its Document (title, and the file
//   under docs/sources/ that holds it), the section, and the sentence itself;
// - a Decision: where the texts leave a choice open, one of kanten's own decisions, a section of
//   docs/decisions.md named by its heading.
// citation() writes either as a reader follows it: "Indsatsmodel i '…', Trin 3".
#pragma once

#include "kanten/core/export.hpp"

#include <array>
#include <string>
#include <string_view>

namespace kanten::inline v1 {

/// One source text, as the project received it, kept in docs/sources/ (index:
/// docs/sources/README.md).
struct Document {
  std::string_view seed;   ///< the id it was received under, e.g. "004_3897fdd271fa8a38.txt"
  std::string_view title;  ///< its title, as the text itself gives it
  std::string_view file;   ///< its file in the repository, e.g. "docs/sources/indsatsmodel-jobgaranti.txt"
};

/// The source texts.
// The objects below are identified by their address (a Transition, an answer or a test points to
// one), so each is one object in a program: with a shared libkanten, its namespaces are exported.
namespace documents KANTEN_EXPORT {

/// The step model, its core elements and the sanctions (the heading of the text).
inline constexpr Document indsatsmodel{
    "004_3897fdd271fa8a38.txt",
    "Indsatsmodel i 'Uddannelses- og jobgaranti i ghettoer og udsatte boligområder'",
    "docs/sources/indsatsmodel-jobgaranti.txt"};

/// Bus trips to companies, Lolland and Guldborgsund (the title on the method description's
/// first page).
inline constexpr Document bus_trips{
    "002_35b99bd4972212c9.txt", "Bustur med borgere på kanten af arbejdsmarkedet: En metodebeskrivelse",
    "docs/sources/bustur-metodebeskrivelse.txt"};

/// Social training tracks on Holstebro's own workplaces (the article's headline).
inline constexpr Document training{
    "001_8429fb4aa12981cf.txt", "Nogle har brug for en social træningsbane",
    "docs/sources/social-traeningsbane-holstebro.txt"};

/// The Lolland-Falster project: 850 citizens, 400 companies, tasks not positions (the project's
/// name in the text and its fact box, "PROJEKT: Rekruttering fra kanten").
inline constexpr Document recruitment{
    "003_b82c162ee9c6e810.txt", "Rekruttering fra kanten", "docs/sources/rekruttering-fra-kanten.txt"};

/// Every source text.
inline constexpr std::array<const Document*, 4> all{&indsatsmodel, &bus_trips, &training, &recruitment};

}  // namespace documents

/// The source text received under `seed` (e.g. "004_3897fdd271fa8a38.txt"); nullptr if none.
[[nodiscard]] constexpr const Document* find_document(std::string_view seed) noexcept {
  for (const Document* d : documents::all)
    if (d->seed == seed) return d;
  return nullptr;
}

/// A citation: seed file, section, and the sentence of the source a rule encodes.
struct Source {
  std::string_view seed;     ///< seed file name, e.g. "004_3897fdd271fa8a38.txt" (the JSON "seed")
  std::string_view section;  ///< section within it, e.g. "Trin 3"
  std::string_view quote;    ///< the Danish sentence the rule encodes (abridged with "…")

  /// The source text the sentence is in: its title and file (nullptr only for a seed kanten
  /// does not hold).
  [[nodiscard]] constexpr const Document* document() const noexcept { return find_document(seed); }
};

/// One of kanten's own decisions, where the source texts leave a choice open: a section of
/// docs/decisions.md, named by its heading.
struct Decision {
  /// The file that states kanten's decisions.
  static constexpr std::string_view file = "docs/decisions.md";
  std::string_view section;  ///< the section's heading in it, e.g. "The 30-hour exit"
};

/// A source as a reader follows it: the document's title and the section, e.g.
/// "Indsatsmodel i 'Uddannelses- og jobgaranti i ghettoer og udsatte boligområder', Trin 3"
/// (the seed id in place of the title for a seed kanten does not hold).
[[nodiscard]] inline std::string citation(const Source& s) {
  const Document* d = s.document();
  std::string out(d ? d->title : s.seed);
  if (!s.section.empty()) out.append(", ").append(s.section);
  return out;
}

/// A decision as a reader follows it: "docs/decisions.md, The 30-hour exit".
[[nodiscard]] inline std::string citation(const Decision& d) {
  return std::string(Decision::file).append(", ").append(d.section);
}

/// kanten's own decisions (docs/decisions.md), by the heading of their section.
namespace decisions KANTEN_EXPORT {

inline constexpr Decision calendar_month{"Month means calendar month"};
inline constexpr Decision whole_minutes{"Hours in whole minutes"};
inline constexpr Decision thirty_hour_exit{"The 30-hour exit"};
inline constexpr Decision monthly_followup{"Monthly follow-up"};
inline constexpr Decision self_support{"Self-support ends the course at any step"};
inline constexpr Decision sanction_amount{"Sanction amount"};
inline constexpr Decision sanction_benefits{"Sanctions for every benefit of the target group"};
inline constexpr Decision sanction_outside_steps{"Failures outside Trin 1–3"};
inline constexpr Decision written_hearing{"The written hearing"};
inline constexpr Decision hearing_deadline{"The hearing's answer period"};
inline constexpr Decision personal_contact{"Personal contact before a sanction"};
inline constexpr Decision personal_channels{"Personal contact channels"};
inline constexpr Decision dated_profile{"The dated profile"};
inline constexpr Decision agreement_terms{"The agreement's terms"};
inline constexpr Decision jobformidler_changes{"Jobformidler changes"};
inline constexpr Decision alert_thresholds{"Alert thresholds"};
inline constexpr Decision programme_events{"Bus trips and training tracks in the case"};
inline constexpr Decision no_cpr{"No CPR numbers"};
inline constexpr Decision one_case{"One case per citizen"};
inline constexpr Decision ambiguous_input{"Ambiguous input is an error"};
inline constexpr Decision unknown_fields{"Unknown fields"};
inline constexpr Decision input_limits{"Input limits"};
inline constexpr Decision money{"Money"};
inline constexpr Decision company_views{"Company views"};
inline constexpr Decision mentor_capacity{"Citizens per mentor"};
inline constexpr Decision comparison_cohort{"A synthetic comparison cohort"};
inline constexpr Decision matcher_updates{"The persistent matcher's updates"};
inline constexpr Decision caseload_match{"Matching proposes for the caseload in Trin 2"};
inline constexpr Decision candidate_bound{"A bound on candidates per citizen"};

/// Every decision.
inline constexpr std::array<const Decision*, 29> all{
    &calendar_month,    &whole_minutes,     &thirty_hour_exit,       &monthly_followup, &self_support,
    &sanction_amount,   &sanction_benefits, &sanction_outside_steps, &written_hearing,  &hearing_deadline,
    &personal_contact,  &personal_channels, &dated_profile,          &agreement_terms,  &jobformidler_changes,
    &alert_thresholds,  &programme_events,  &no_cpr,                 &one_case,         &ambiguous_input,
    &unknown_fields,    &input_limits,      &money,                  &company_views,    &mentor_capacity,
    &comparison_cohort, &matcher_updates,   &caseload_match,         &candidate_bound};

}  // namespace decisions

/// The citations, one per rule; `sources::` names are used by the engine and the tests.
namespace sources KANTEN_EXPORT {

/// The seed id of each source text (documents:: holds their titles and files).
inline constexpr std::string_view indsatsmodel = documents::indsatsmodel.seed;

/// KE3: who is in the target group.
inline constexpr Source target_group{
    indsatsmodel, "Kerneelement 3",
    "Målgruppen for projektet er aktivitetsparate ledige med bopæl i de udsatte boligområder, der "
    "modtager: kontanthjælp, uddannelseshjælp eller integrationsydelse (og ikke er omfattet af "
    "integrationsprogrammet)."};

/// Trin 1 starts at the first conversation at visitation.
inline constexpr Source trin1_start{
    indsatsmodel, "Trin 1: Afklaring",
    "Trinnet starter, når jobkonsulenten afholder den første samtale med borgeren i forbindelse med "
    "visitation til projektet."};

/// Trin 1: group 2 (ressourceforløb, fleksjob, førtidspension) goes to the rehabilitation team.
inline constexpr Source trin1_rehabilitation{
    indsatsmodel, "Trin 1: Afklaring",
    "Hvis borgeren vurderes at tilhøre gruppe 2, skal borgeren have sin sag forelagt kommunens "
    "tværfaglige rehabiliteringsteam og ikke visiteres til projektindsatsen."};

/// KE4: uddannelseshjælp recipients' long-term goal is education.
inline constexpr Source education_goal{
    indsatsmodel, "Kerneelement 4",
    "For aktivitetsparate uddannelseshjælpsmodtagere skal målet med planen på længere sigt være "
    "uddannelse. … Målet for de øvrige grupper kan være uddannelse eller beskæftigelse."};

/// KE5 (end): the four conditions that end Trin 1.
inline constexpr Source trin1_end{
    indsatsmodel, "Kerneelement 5 (slutning af Trin 1)",
    "Det første trin afsluttes, når visitationen er foretaget, borgeren har udarbejdet et CV, sat "
    "retning på sit ønske om job eller jobområde og fået tilknyttet en jobformidler."};

/// KE8 (end): the three conditions that end Trin 2 and start Trin 3.
inline constexpr Source trin2_end{
    indsatsmodel, "Kerneelement 8 (slutning af Trin 2)",
    "Trin 2 afsluttes og trin 3 påbegyndes, når der er indgået en ansættelses- og/eller "
    "praktikaftale mellem borger og virksomhed, udarbejdet en opfølgingsplan samt udpeget en fast "
    "kontaktperson for borger i virksomheden."};

/// KE7: the agreement's content; ordinary hours from the start, else an internship.
inline constexpr Source agreement{
    indsatsmodel, "Kerneelement 7",
    "I aftalen fastlægges borgerens arbejdsopgaver, arbejdstid, delmål for progression under "
    "forløbet samt eventuelle hensyn til borgerens helbred. Der sigtes som udgangspunkt mod "
    "ordinære timer fra start eventuelt i kombination med virksomhedspraktik."};

/// KE7: at least one contact a month in the first year of the employment.
inline constexpr Source monthly_followup{
    indsatsmodel, "Kerneelement 7",
    "Jobformidler, borger og virksomhed skal dernæst udarbejde en klar plan for opfølgning under "
    "ansættelsen. … der skal minimum være kontakt mellem jobformidleren og borger en gang i måneden "
    "i det første år."};

/// KE5: the same jobformidler over time.
inline constexpr Source jobformidler_continuity{
    indsatsmodel, "Kerneelement 5",
    "1) at der er kontinuitet i forløbet, dvs. at borgeren har den samme jobformidler over tid"};

/// KE5: the jobformidler reaches out when the citizen is inactive.
inline constexpr Source inactivity{
    indsatsmodel, "Kerneelement 5",
    "Jobformidleren skal desuden være opsøgende i tilfælde af inaktivitet fra borgerens side, så "
    "borgeren så vidt muligt kan fastholdes i indsatsen."};

/// Trin 2: matched as quickly as possible.
inline constexpr Source trin2_duration{
    indsatsmodel, "Trin 2 (Kerneelement 8)",
    "Varigheden af trin 2 vil variere fra borger til borger, men der skal altid arbejdes på, at "
    "borgeren hurtigst muligt matches med en virksomhed."};

/// KE9: renegotiated for more ordinary hours, otherwise another company.
inline constexpr Source progression{
    indsatsmodel, "Trin 3 (Kerneelement 9)",
    "Mellem hvert forløb genforhandles aftalen med henblik på at opnå flere ordinære timer. Hvis der "
    "ikke er udsigt til ordinære timer på sigt, kan det være mere formålstjenstligt at finde en "
    "anden virksomhed."};

/// Trin 3: aftercare for those who become self-supporting (an encouragement).
inline constexpr Source aftercare{
    indsatsmodel, "Trin 3 (Kerneelement 9)",
    "Kommunerne opfordres endvidere til at indarbejde efterværn i deres indsats over for de "
    "borgere, der opnår selvforsørgelse."};

/// Trin 3 end: 30 ordinary hours a month, or self-support.
inline constexpr Source trin3_end{
    indsatsmodel, "Trin 3 (Kerneelement 9)",
    "Det tredje trin afsluttes, når borgeren har opnået ordinære timer på et omfang af mindst 30 "
    "timer månedligt svarende til ca. 5-6 timer ugentligt eller selvforsørgelse i form af job eller "
    "uddannelse."};

/// Self-support before Trin 3: the citizen is no longer an unemployed benefit recipient (KE3).
inline constexpr Source self_support_early{
    indsatsmodel, "Kerneelement 3 (målgruppe) og Trin 3",
    "Målgruppen for projektet er aktivitetsparate ledige med bopæl i de udsatte boligområder, der "
    "modtager: … Det tredje trin afsluttes, når borgeren har opnået … selvforsørgelse i form af job "
    "eller uddannelse."};

/// Trin 3: a broken-off course returns to Trin 2.
inline constexpr Source break_off{
    indsatsmodel, "Trin 3 (Kerneelement 9)",
    "I de tilfælde hvor borgeren afbryder virksomhedsforløbet undervejs, skal borgeren påbegynde "
    "trin 2 igen med henblik på hurtigst muligt at finde et nyt match med en virksomhed."};

/// Trin 3: a broken-off course with the consultant's rehabilitation assessment exits.
inline constexpr Source break_off_rehabilitation{
    indsatsmodel, "Trin 3 (Kerneelement 9)",
    "Med mindre jobkonsulenten vurderer, at borgeren er i målgruppen for ressourceforløb, fleksjob "
    "eller førtidspension. I det tilfælde afbrydes forløbet, og borgerens sag skal forberedes til "
    "rehabiliteringsteamet."};

/// KE5: the job centre enforces sanctions in all three steps; punktsanktion of three days.
inline constexpr Source sanction_punktsanktion{
    indsatsmodel, "Kerneelement 5 (sanktioner)",
    "Fx kan kommunen trække tre dage af kontanthjælpen i form af en såkaldt punktsanktion, hvis man "
    "fx uden rimelig grund afviser tilbud om arbejde, undlader efter krav fra jobcentret at søge "
    "konkrete job eller undlader at give meddelelse om sygdom til jobcentret eller arbejdsgiver."};

/// The sanction rules are those for recipients of the benefit, activity-ready ones in particular.
inline constexpr Source sanction_recipients{
    indsatsmodel, "Kerneelement 5 (sanktioner)",
    "Hvis man ikke lever op til de krav, som kommunen stiller, mens man modtager kontanthjælp, skal "
    "kommunen give borgeren en sanktion. … Hvis man er aktivitetsparat, skal kommunen kun give en "
    "sanktion, hvis sanktionen skønnes at fremme den enkelte borgers rådighed."};

/// KE5: the three steps are where the job centre enforces sanctions.
inline constexpr Source sanction_in_steps{
    indsatsmodel, "Kerneelement 5 (sanktioner)",
    "Jobcentret skal i forbindelse med de tre faser af borgerforløbet håndhæve de eksisterende "
    "sanktionsmuligheder."};

/// KE5: reasonable causes beyond the law's (severe mental illness, homelessness, addiction).
inline constexpr Source sanction_reasonable_cause{
    indsatsmodel, "Kerneelement 5 (sanktioner)",
    "… eller om der er andre rimelige grunde end dem, som udtrykkeligt er nævnt i loven, der kan "
    "begrunde, at en sanktion ikke skal gives. Rimelige grunde kan fx være svær psykisk sygdom, "
    "hjemløshed eller misbrugsproblemer."};

/// KE5: the concrete assessment, always, for an activity-ready citizen.
inline constexpr Source sanction_concrete_assessment{
    indsatsmodel, "Kerneelement 5 (sanktioner)",
    "Kommunen skal altid foretage en konkret vurdering af, om kommunen skal give en sanktion over "
    "for en aktivitetsparat person …"};

/// KE5: only if the sanction promotes the citizen's availability.
inline constexpr Source sanction_promotes_availability{
    indsatsmodel, "Kerneelement 5 (sanktioner)",
    "Hvis man er aktivitetsparat, skal kommunen kun give en sanktion, hvis sanktionen skønnes at "
    "fremme den enkelte borgers rådighed."};

/// KE5: a vulnerable situation must be taken into account.
inline constexpr Source sanction_vulnerable{
    indsatsmodel, "Kerneelement 5 (sanktioner)",
    "Hvis man er aktivitetsparat, og kommunen vurderer, man er i en udsat situation, skal kommunen "
    "anvende sanktionerne på en måde, der tager højde for, at man måske ikke har mulighed for at "
    "leve op til de krav, der stilles."};

/// KE5: personal contact before any sanction; required when the written hearing is not answered.
inline constexpr Source sanction_personal_contact{
    indsatsmodel, "Kerneelement 5 (sanktioner)",
    "Inden kommunen må give borgeren en sanktion, skal kommunen altid have udnyttet alle rimelige "
    "muligheder for at komme i personlig kontakt med borgeren … kommunen fx skal være i personlig "
    "kontakt med borgeren, hvis denne ikke reagerer på en skriftlig partshøring forud for en "
    "sanktion. Den personlige kontakt kan fx være telefonisk eller personlig kontakt, hvor borgeren "
    "bor eller opholder sig."};

// ---------------------------------------------------------------------------------------------
// Bus trips to companies (002_35b99bd4972212c9.txt: "Bustur med borgere på kanten af
// arbejdsmarkedet: En metodebeskrivelse")
// ---------------------------------------------------------------------------------------------

inline constexpr std::string_view bus_trips = documents::bus_trips.seed;

/// Model 1's staff: two company consultants and two or three labour-market consultants.
inline constexpr Source bus_model1_staff{
    bus_trips, "Planlægning af bustur, Model 1",
    "I Guldborgsund varetages planlægning og afvikling af busturene af to virksomhedskonsulenter. … "
    "Herefter går borgerne, virksomhedskonsulenterne og to-tre arbejdsmarkedskonsulenter til bussen."};

/// Who the offer is for: activity-ready citizens under §6.3 and §6.5.
inline constexpr Source bus_target{
    bus_trips, "Visitering af borgere",
    "I begge kommuner gælder tilbuddet for alle borgere, som er visiteret aktivitetsparate … "
    "Tilbuddet gælder både for §6.3: Aktivitetsparate over 30 år og §6.5: Aktivitetsparate under 30 "
    "år uden erhvervskompetencegivende uddannelse."};

/// Model 1: caseworkers may also refer citizens exempt from activity.
inline constexpr Source bus_exempt_referral{
    bus_trips, "Visitering af borgere, Model 1",
    "Sagsbehandlere kan også visitere borgere, som er fritaget for aktivitet, hvis det gavner "
    "borgeren at deltage."};

/// Model 1: 6–12 citizens, two company visits, at least one with inclusion experience.
inline constexpr Source bus_model1{
    bus_trips, "Afvikling af bustur, Model 1",
    "I Guldborgsund Kommune møder borgerne ind på jobcentret kl. 8:30, og turen slutter samme sted "
    "ca. kl. 13. På jobcentret bliver de 6-12 borgere præsenteret for turen, hvor de skal på en "
    "hyggelig skovtur med to virksomhedsbesøg indlagt, hvor minimum én virksomhed har eller har "
    "haft en borger i praktik eller lønnede timer."};

/// Model 2: two trips within the 13-week job club programme, one company per trip.
inline constexpr Source bus_model2_programme{
    bus_trips, "Planlægning af bustur, Model 2",
    "Borgere, der følger Springbrættets program på 13 uger, deltager på to busture, hvor de "
    "besøger én virksomhed pr. gang."};

/// Model 2: 12–15 citizens, 13:00–16:00.
inline constexpr Source bus_model2{
    bus_trips, "Afvikling af bustur, Model 2",
    "I Lolland Kommune mødes borgere og jobformidlere på kompetencecentret kl. 13, … og er hjemme "
    "igen omkring kl. 16. … På busturene er de afsted 12-15 borgere ad gangen og typisk tre "
    "jobformidlere"};

/// Which companies trips visit.
inline constexpr Source bus_company_selection{
    bus_trips, "Udvælgelse af virksomheder",
    "Begge kommuner udvælger virksomheder, som har eller har haft udsatte borgere i praktik eller "
    "lønnede timer, alternativt virksomheder, der er kendt for at tage et særligt socialt ansvar. … "
    "Virksomheder som mangler arbejdskraft, og har opgaver til borgere fra kanten af "
    "arbejdsmarkedet, kan også være destination for busture."};

/// Attendance is compulsory; a citizen who does not come is invited to the next trip.
inline constexpr Source bus_attendance{
    bus_trips, "Visitering af borgere, Model 1",
    "Borgeren har pligt til at deltage, og de modtager indkaldelsesbrev inden busturen. Såfremt "
    "borgeren ikke møder op, bliver borgeren indkaldt til at deltage på næste tur."};

/// The resources one trip takes.
inline constexpr Source bus_costs{
    bus_trips, "Ressourceforbrug",
    "Leje af bus: 2000-2500 kr. pr. gang. Forplejning (sandwich og vand): 75-90 kr. pr. deltager. "
    "Planlægning af bustur: 1-2 timer for én jobcentermedarbejder. Afvikling af bustur: 3-4 "
    "jobcentermedarbejdere i 4-5 timer."};

/// A relation to the companies early on is the point of the trips.
inline constexpr Source bus_relation{
    bus_trips, "Introduktion",
    "Busturene indgår som en del af den virksomhedsdrevne indsats, hvor borgerne tidligere i "
    "forløbet skal have en relation til virksomhederne."};

// ---------------------------------------------------------------------------------------------
// Social training tracks (001_8429fb4aa12981cf.txt: "Nogle har brug for en social træningsbane")
// ---------------------------------------------------------------------------------------------

inline constexpr std::string_view training = documents::training.seed;

/// Internship only for citizens close to an ordinary job or a job on special terms.
inline constexpr Source training_internship_route{
    training, "Fokus på job til de stærkeste ledige",
    "Da virksomhedspraktik skal have et reelt jobperspektiv, bruger vi nu kun den ordning til "
    "borgere, der står lige foran at kunne få et ordinært job eller et job på særlige vilkår og med "
    "stort fokus på det private arbejdsmarked"};

/// The track: typically 13 weeks, with a mentor-trained contact person.
inline constexpr Source training_track{
    training, "og en social træningsbane til andre",
    "Det er forløb på typisk 13 uger, hvor borgere prøver en række arbejdspladsfunktioner som fx "
    "service-, pedel- og køkkenopgaver, og hvor en mentoruddannet medarbejder på arbejdspladsen er "
    "kontaktperson for borgeren."};

/// Each citizen gets a mentor at the workplace.
inline constexpr Source training_mentor{
    training, "Sociale træningsbaner på kommunale arbejdspladser",
    "Borgeren får derfor tildelt en mentor på arbejdspladsen, der understøtter og har samtaler med "
    "borgeren om personlige arbejds- og udviklingspunkter."};

/// Hours and length fitted to the citizen's capacity and health considerations.
inline constexpr Source training_fit{
    training, "Sociale træningsbaner på kommunale arbejdspladser",
    "Opgaveløsningen tilrettelægges med udgangspunkt i den enkeltes formåen samt skånebehov. Også "
    "timetallet og træningsbanens varighed afstemmes med den enkeltes formåen."};

/// No personal data to the workplace after the course.
inline constexpr Source training_no_personal_data{
    training, "Den svære opfølgning",
    "Kommunen må ikke videregive personlige oplysninger om en borger til arbejdspladsen, efter "
    "forløbet er slut."};

}  // namespace sources
}  // namespace kanten::inline v1
