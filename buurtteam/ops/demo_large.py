"""The large demo: five invented neighbourhoods of one invented municipality over ten years.

`large_exchange(today)` returns an exchange-format v1 document (like `demo_exchange`) for
the five wijken of Lingestede. Each projectteam has met every six weeks for ten years
(about 87 meetings each, two more planned), worked through four buurtcontracten of 86
points each (one survey per half year, so the contracts of the wijken start half a year
apart), decided about thirty budget proposals a year and followed up a dozen buurtkwesties
a year. It is what a municipality that keeps every wijk in one file for ten years has: the
benchmarks measure search, printing and start-up on it (tests/benchmarks/bench.py).

The same `today` always gives the same document: chance comes from fixed seeds. The
content is Dutch and as long as real minutes are; the point specs, notes and small helpers
of the small demo (`demo_data`) are reused, with the small demo's place names replaced by
each wijk's own.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from buurtteam.domain.money import format_exchange_money
from buurtteam.ops.demo_data import (
    POINT_NOTES,
    THEMES,
    PointSpec,
    _add_months,
    _clock,
    _compact,
    _count,
    _datum,
    _euro,
    _month_end,
    _votes,
    agenda_item,
)

Json = dict[str, Any]

SEED = 20_370_512
MUNICIPALITY = "Lingestede"
HELD_MEETINGS = 87  # ten years of six-weekly meetings
PLANNED_MEETINGS = 2
INTERVAL = dt.timedelta(days=42)
CONTRACTS = 4
CONTRACT_MONTHS = 30
SURVEY_STAGGER_MONTHS = 6  # one wijk's buurtonderzoek per half year
BUDGET_PER_YEAR = Decimal("25000.00")
PROPOSALS_PER_MEETING = (2, 5)  # decided per held meeting, inclusive
ISSUE_CHANCE = 0.75  # a topic that can raise a buurtkwestie does so this often
EVALUATION_MONTH = 9  # the first meeting from September on is the long yearly evaluation

# -- the wijken -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    roles: tuple[str, ...]
    party: str | None = None
    email: str | None = None
    phone: str | None = None

    @property
    def first_name(self) -> str:
        return self.name.split()[0]

    @property
    def votes(self) -> bool:
        return bool({"resident", "community_worker"} & set(self.roles))


@dataclass(frozen=True)
class Hood:
    """One wijk: its places (they replace the small demo's) and its people."""

    name: str
    short: str
    centre: str
    address: str
    school: str
    shops: str
    park: str
    square: str
    pitch_square: str
    main_road: str
    path: str
    stable: str
    corporation: str
    weekday: int  # 0 is Monday
    starts_at: str
    streets: tuple[str, ...]
    people: tuple[Person, ...]

    @property
    def chair(self) -> str:
        return next(p.id for p in self.people if "chair" in p.roles)

    @property
    def community_worker(self) -> str:
        return next(p.id for p in self.people if "community_worker" in p.roles)

    @property
    def secretary(self) -> str:
        return next(p.id for p in self.people if "secretary" in p.roles)

    @property
    def residents(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.people if "resident" in p.roles)

    @property
    def police_officer(self) -> str:
        return next(p.id for p in self.people if p.party == "politie")

    def replacements(self) -> tuple[tuple[str, str], ...]:
        """The small demo's places and what this wijk calls them, longest first."""
        return (
            ("Winkelcentrum De Cocon", self.shops),
            ("Buurthuis De Rups", self.centre),
            ("Jongerenraad Vlinderbuurt", f"Jongerenraad {self.short}"),
            ("De Vlindertuin", self.school),
            ("De Hoefslag", self.stable),
            ("Speeltuin Zandoogjeplein", f"Speeltuin {self.square}"),
            ("Zandoogjeplein", self.square),
            ("Citroenvlinderplein", self.pitch_square),
            ("Parelmoervlinderweg", self.main_road),
            ("Distelvlinderpad", self.path),
            ("Vlinderpark", self.park),
            ("Koolwitjelaan", self.streets[0]),
            ("Atalantastraat", self.streets[1]),
            ("Oranjetipstraat", self.streets[2]),
            ("Dagpauwoogstraat", self.streets[3]),
            ("Gehakkeldaarsstraat", self.streets[4]),
            ("Vlinderbuurt", self.short),
        )


def _p(pid: str, name: str, *roles: str, party: str | None = None, email: bool = False) -> Person:
    mail = f"{pid.removeprefix('p-')}@example.org" if email else None
    return Person(pid, name, roles or ("resident",), party=party, email=mail)


HOODS: tuple[Hood, ...] = (
    Hood(
        name="De Bloemenbuurt",
        short="Bloemenbuurt",
        centre="Wijkcentrum De Kas",
        address="Seringenlaan 4",
        school="basisschool De Zonnebloem",
        shops="Winkelcentrum De Boeketten",
        park="Rozenpark",
        square="Madeliefplein",
        pitch_square="Klaprozenplein",
        main_road="Lelieweg",
        path="Hyacintenpad",
        stable="manege De Stalhoeve",
        corporation="Woonstichting Lingewonen",
        weekday=1,
        starts_at="19:30",
        streets=(
            "Anjerstraat",
            "Tulpstraat",
            "Irisstraat",
            "Goudsbloemlaan",
            "Klaproosstraat",
            "Violierstraat",
            "Seringenlaan",
            "Zonnebloemstraat",
            "Ranonkelstraat",
            "Akeleistraat",
            "Dahliastraat",
        ),
        people=(
            _p("p-hanneke", "Hanneke Verbeek", "chair", party="gemeente", email=True),
            _p("p-youssef", "Youssef El Idrissi", "community_worker", party="welzijn"),
            _p("p-ineke", "Ineke Brouwer", "resident", "secretary", email=True),
            _p("p-dirk", "Dirk-Jan Smulders"),
            _p("p-fatma", "Fatma Özdemir", email=True),
            _p("p-wim", "Wim van Rossum"),
            _p("p-joanna", "Joanna Kowalczyk"),
            _p("p-ruben", "Ruben Martens", email=True),
            _p("p-gerda", "Gerda Lammerts"),
            _p("p-kwame", "Kwame Mensah"),
            _p("p-tamara", "Tamara Pinas"),
            _p("p-henk", "Henk Bosveld", "partner", party="politie"),
            _p("p-lotte", "Lotte Schraven", "partner", party="corporatie"),
        ),
    ),
    Hood(
        name="Havenkwartier",
        short="Havenkwartier",
        centre="Buurthuis Het Anker",
        address="Ankerstraat 17",
        school="basisschool De Vuurtoren",
        shops="Winkelcentrum De Kaai",
        park="Dokpark",
        square="Bolderplein",
        pitch_square="Sluisplein",
        main_road="Havenweg",
        path="Jaagpad",
        stable="paardenhouderij Het Trekpaard",
        corporation="Woonstichting Lingewonen",
        weekday=2,
        starts_at="19:00",
        streets=(
            "Kadestraat",
            "Loodsweg",
            "Ankerstraat",
            "Touwslagerslaan",
            "Zeilmakersstraat",
            "Scheepmakersstraat",
            "Roerstraat",
            "Meerpaalstraat",
            "Stuurmansstraat",
            "Kompasstraat",
            "Sloepstraat",
        ),
        people=(
            _p("p-erik", "Erik Hoogendijk", "chair", party="gemeente", email=True),
            _p("p-samira", "Samira Benali", "community_worker", party="welzijn", email=True),
            _p("p-truus", "Truus Zwart", "resident", "secretary"),
            _p("p-mehmet", "Mehmet Kaya"),
            _p("p-annelies", "Annelies de Graaf", email=True),
            _p("p-jurgen", "Jürgen Vos"),
            _p("p-olga", "Olga Nowak"),
            _p("p-desmond", "Desmond Kwakye"),
            _p("p-bep", "Bep Scholten"),
            _p("p-noor", "Noor Haddou", email=True),
            _p("p-stijn", "Stijn Wouters"),
            _p("p-marco", "Marco Jansen", "partner", party="politie"),
            _p("p-esther", "Esther Wijnands", "partner", party="corporatie"),
        ),
    ),
    Hood(
        name="Componistenwijk",
        short="Componistenwijk",
        centre="Ontmoetingscentrum De Notenbalk",
        address="Sweelinckstraat 2",
        school="basisschool De Toonladder",
        shops="Winkelcentrum Het Octaaf",
        park="Muziekpark",
        square="Beethovenplein",
        pitch_square="Griegplein",
        main_road="Mozartlaan",
        path="Bachpad",
        stable="manege De Maat",
        corporation="Woningcorporatie De Linge",
        weekday=3,
        starts_at="19:30",
        streets=(
            "Chopinstraat",
            "Händelstraat",
            "Vivaldistraat",
            "Schubertstraat",
            "Mahlerstraat",
            "Ravelstraat",
            "Brahmsstraat",
            "Haydnstraat",
            "Dvořákstraat",
            "Debussystraat",
            "Diepenbrockstraat",
        ),
        people=(
            _p("p-maarten", "Maarten Spijkers", "chair", party="gemeente", email=True),
            _p("p-ilse", "Ilse Koster", "community_worker", party="welzijn"),
            _p("p-achmed", "Achmed Bouali", "resident", "secretary", email=True),
            _p("p-wilma", "Wilma Hendriks"),
            _p("p-sander", "Sander de Bruijn"),
            _p("p-lucia", "Lucía Fernández", email=True),
            _p("p-jannie", "Jannie Post"),
            _p("p-dewi", "Dewi Sastro"),
            _p("p-theo", "Theo van Dam"),
            _p("p-katarzyna", "Katarzyna Zielińska"),
            _p("p-yvonne", "Yvonne Tjin"),
            _p("p-gert", "Gert Ubbink", "partner", party="politie"),
            _p("p-miriam", "Miriam Claassen", "partner", party="corporatie"),
        ),
    ),
    Hood(
        name="De Vogelwijk",
        short="Vogelwijk",
        centre="Buurtcentrum Het Nest",
        address="Merelstraat 30",
        school="basisschool De Kolibrie",
        shops="Winkelcentrum De Spreeuw",
        park="Reigerpark",
        square="Zwaluwplein",
        pitch_square="Kievitplein",
        main_road="Valkenweg",
        path="Uilenpad",
        stable="manege De Grutto",
        corporation="Woningcorporatie De Linge",
        weekday=0,
        starts_at="20:00",
        streets=(
            "Merelstraat",
            "Lijsterlaan",
            "Spreeuwenstraat",
            "Roodborststraat",
            "IJsvogelstraat",
            "Mezenstraat",
            "Koekoekstraat",
            "Zwaluwstraat",
            "Putterstraat",
            "Vinkenstraat",
            "Kwikstaartlaan",
        ),
        people=(
            _p("p-carla", "Carla Meijerink", "chair", party="gemeente", email=True),
            _p("p-rachid", "Rachid Amrani", "community_worker", party="welzijn", email=True),
            _p("p-marga", "Marga Tiemens", "resident", "secretary"),
            _p("p-sevda", "Sevda Yılmaz"),
            _p("p-klaas", "Klaas Wiersma"),
            _p("p-aisha", "Aisha Diallo", email=True),
            _p("p-rob", "Rob van der Heijden"),
            _p("p-mei", "Mei-Ling Chen"),
            _p("p-johan", "Johan Oosterhuis"),
            _p("p-nienke", "Nienke Dijkstra"),
            _p("p-pawel", "Paweł Nowicki"),
            _p("p-rinus", "Rinus Verhoef", "partner", party="politie"),
            _p("p-sanne", "Sanne Brink", "partner", party="corporatie"),
        ),
    ),
    Hood(
        name="De Hoven",
        short="Hoven",
        centre="Wijkpunt De Binnenhof",
        address="Kloosterhof 1",
        school="basisschool De Boomgaard",
        shops="Winkelcentrum De Poort",
        park="Hovenpark",
        square="Molenplein",
        pitch_square="Smidsplein",
        main_road="Hovenweg",
        path="Kloosterpad",
        stable="manege De Hofstede",
        corporation="Woonstichting Lingewonen",
        weekday=1,
        starts_at="19:30",
        streets=(
            "Kloosterhof",
            "Pastoorshof",
            "Molenhof",
            "Brouwershof",
            "Weidehof",
            "Boomgaardhof",
            "Smidshof",
            "Bakkershof",
            "Kosterhof",
            "Schoolhof",
            "Tuinhof",
        ),
        people=(
            _p("p-femke", "Femke Rutgers", "chair", party="gemeente", email=True),
            _p("p-orlando", "Orlando Kross", "community_worker", party="welzijn"),
            _p("p-riet", "Riet Groenewegen", "resident", "secretary", email=True),
            _p("p-hasan", "Hasan Demir"),
            _p("p-corrie", "Corrie Aalbers"),
            _p("p-bram", "Bram Veenstra", email=True),
            _p("p-ewa", "Ewa Mazur"),
            _p("p-lamin", "Lamin Ceesay"),
            _p("p-toos", "Toos Kamphuis"),
            _p("p-ingrid", "Ingrid Sabajo"),
            _p("p-ties", "Ties Hulshof"),
            _p("p-frank", "Frank Mulder", "partner", party="politie"),
            _p("p-loes", "Loes Evers", "partner", party="corporatie"),
        ),
    ),
)


def _parties(hood: Hood) -> list[Json]:
    return [
        {"id": "gemeente", "name": f"Gemeente {MUNICIPALITY}", "kind": "municipality"},
        {"id": "politie", "name": f"Politie {MUNICIPALITY}, wijkagent", "kind": "police"},
        {"id": "corporatie", "name": hood.corporation, "kind": "housing_corporation"},
        {"id": "welzijn", "name": "Welzijn Lingestede (Stichting Samen)", "kind": "welfare"},
        {"id": "bewoners", "name": f"Bewoners en projectteam {hood.short}", "kind": "residents"},
        {"id": "raad", "name": f"Gemeenteraad {MUNICIPALITY}", "kind": "council"},
    ]


SIGNERS = (
    ("gemeente", 15, "wethouder Wijken"),
    ("politie", 15, "teamchef basisteam Lingestede"),
    ("corporatie", 12, "directeur-bestuurder"),
    ("welzijn", 8, "directeur Stichting Samen"),
)

# -- what the meetings talk about -------------------------------------------------------------


@dataclass(frozen=True)
class TopicSpec:
    """A residents' topic; `{straat}`, `{park}` and the like are filled per wijk."""

    theme: str
    title: str
    notes: tuple[str, ...]
    decision: str | None = None
    actions: tuple[tuple[str, str], ...] = ()  # text, who: chair|cw|secretary|by|<party>
    idea: str | None = None
    letter: str | None = None  # raises a buurtkwestie with this letter
    source: str = "resident"


TOPICS: tuple[TopicSpec, ...] = (
    TopicSpec(
        "schoon",
        "Hondenpoep op het grasveld aan de {straat}",
        (
            "{by} meldt dat het grasveld waar kinderen spelen vol hondenpoep ligt.",
            "Bewoners vragen om handhaving op de opruimplicht, ook in de avond.",
            "De gemeente wijst op de afvalbakken met zakjes; die zijn volgens bewoners vaak leeg.",
        ),
        decision="Het projectteam vraagt de gemeente om extra controles en een bord bij het "
        "grasveld.",
        actions=(
            ("Handhaving vragen om extra te controleren bij het grasveld", "gemeente"),
            ("Zakjesdispensers bij de afvalbakken laten bijvullen", "chair"),
        ),
        idea="Een hondenbezitterscafé om afspraken met elkaar te maken",
    ),
    TopicSpec(
        "schoon",
        "Zwerfafval rond {winkels}",
        (
            "Rond de ingang van het winkelcentrum ligt veel zwerfafval.",
            "De afvalbakken zitten aan het eind van de week al vol.",
            "De winkeliers doen mee aan een opruimactie als de gemeente de bakken vaker leegt.",
        ),
        actions=(("Met de winkeliersvereniging afspreken wie de bakken leegt", "chair"),),
        idea="Een peuk-en-blikjesactie met de basisschool",
    ),
    TopicSpec(
        "schoon",
        "Bijplaatsingen bij de containers in de {straat}",
        (
            "Bij de ondergrondse containers staan elke week zakken en grofvuil.",
            "Ratten en meeuwen maken het erger; bewoners ergeren zich.",
            "De corporatie gaat huurders in vier talen informeren over de ophaaldagen.",
        ),
        decision="Het team vraagt om een camera-actie van Handhaving en betere informatie.",
        actions=(
            ("Informatiebrief over afval in vier talen verspreiden", "corporatie"),
            ("Bijplaatsingen twee weken lang melden en fotograferen", "by"),
        ),
        letter="Brief over de bijplaatsingen bij de containers in de {straat}",
    ),
    TopicSpec(
        "schoon",
        "Graffiti op de geluidswal langs de {weg}",
        (
            "De geluidswal is opnieuw beklad.",
            "Jongeren willen er graag een legale muurschildering maken.",
        ),
        actions=(("Graffiti laten verwijderen en een muurschildering verkennen", "cw"),),
        idea="Een muurschildering door jongeren, met een kunstenaar uit de buurt",
        source="community_worker",
    ),
    TopicSpec(
        "verkeersveiligheid",
        "Te hard rijden op de {weg}",
        (
            "Vooral 's avonds wordt er veel te hard gereden, ook door scooters.",
            "{by} heeft een avond lang met een snelheidsmeter gestaan: de helft reed te hard.",
            "De wijkagent zegt snelheidscontroles toe en koppelt de resultaten terug.",
        ),
        decision="Het projectteam vraagt de gemeente om drempels of een versmalling.",
        actions=(
            ("Snelheidscontrole plannen en de uitkomst terugmelden", "politie"),
            ("Verkeerskundige vragen naar drempels of een versmalling", "gemeente"),
        ),
        letter="Brief over te hard rijden op de {weg}",
    ),
    TopicSpec(
        "verkeersveiligheid",
        "Parkeren op de stoep bij {school}",
        (
            "Bij het brengen en halen parkeren ouders op de stoep en op de oversteekplaats.",
            "Kinderen moeten de weg op om erlangs te kunnen.",
            "De school wil meedenken over een kiss-and-ride-strook.",
        ),
        actions=(
            ("Samen met de school ouders aanspreken en een brief meegeven", "politie"),
            ("Kiss-and-ride-strook bespreken met de verkeerskundige", "chair"),
        ),
    ),
    TopicSpec(
        "verkeersveiligheid",
        "Oversteken bij de bushalte in de {straat}",
        (
            "Bij de bushalte steken veel ouderen over op een plek zonder zebrapad.",
            "Geparkeerde busjes ontnemen het zicht.",
        ),
        decision="Het team vraagt om een oversteekplaats met verlichting.",
        actions=(("Een verkeerskundige laten kijken naar een oversteekplaats", "gemeente"),),
        letter="Verzoek om een veilige oversteekplaats bij de bushalte in de {straat}",
    ),
    TopicSpec(
        "verkeersveiligheid",
        "Fietsers op het trottoir in de {straat}",
        (
            "Fietsers nemen de kortste weg over het trottoir en rijden bijna voetgangers aan.",
            "Een klein hekje kan het team zelf regelen, samen met de gemeente.",
        ),
        decision="Het projectteam laat een hekje plaatsen en betaalt het uit het buurtbudget.",
        actions=(("Offerte voor een hekje opvragen", "by"),),
    ),
    TopicSpec(
        "spelen",
        "Speeltoestel kapot op het {plein}",
        (
            "De schommel op het {plein} is al weken kapot en afgezet met lint.",
            "Ouders vragen wanneer hij gerepareerd wordt.",
            "De gemeente zegt dat de keuring een vervanging adviseert.",
        ),
        actions=(("Reparatie of vervanging van de schommel navragen", "chair"),),
        letter="Brief over de kapotte schommel op het {plein}",
    ),
    TopicSpec(
        "spelen",
        "Doel weggehaald van het trapveldje op het {veldplein}",
        (
            "Het doel is weggehaald zonder overleg met de bewoners die de speelplekken beheren.",
            "Dat staat nota bene in het buurtcontract.",
        ),
        decision="Het projectteam vraagt de gemeente per brief het doel terug te plaatsen.",
        actions=(("Brief over het weggehaalde doel versturen", "secretary"),),
        letter="Brief: het doel op het {veldplein} is zonder overleg weggehaald",
    ),
    TopicSpec(
        "spelen",
        "Buitenspeeldag in {park}",
        (
            "De opbouwwerker stelt voor de buitenspeeldag dit jaar in {park} te houden.",
            "Er melden zich zes vrijwilligers; de school doet mee.",
        ),
        decision="De buitenspeeldag wordt gehouden; de werkgroep vraagt buurtbudget aan.",
        actions=(("Draaiboek buitenspeeldag maken", "cw"),),
        idea="Een speurtocht langs alle speelplekken van de wijk",
        source="community_worker",
    ),
    TopicSpec(
        "spelen",
        "Zandbak op het {plein} vol kattenpoep",
        (
            "Ouders durven hun kinderen niet meer in de zandbak te laten spelen.",
            "Een afdeknet voor de nacht kan het oplossen.",
        ),
        actions=(("Afdeknet bestellen en afspraken maken over het afdekken", "by"),),
    ),
    TopicSpec(
        "veiligheid",
        "Overlast na 21.00 uur bij {winkels}",
        (
            "Afgesproken is dat de overlast om 21.00 uur stopt, maar niemand controleert dat.",
            "Omwonenden hebben last tot na middernacht: harde muziek, scooters, afval.",
            "De wijkagent herkent het beeld maar heeft door personeelstekort weinig avonddiensten.",
        ),
        decision="Het projectteam schrijft het college een brief over het uitblijven van "
        "handhaving.",
        actions=(
            ("Brief aan het college over de handhaving van de 21.00-uurgrens", "secretary"),
            ("Overlastmeldingen van bewoners bijhouden en doorsturen", "by"),
        ),
        letter="Brief over het uitblijven van handhaving van de 21.00-uurgrens bij {winkels}",
    ),
    TopicSpec(
        "veiligheid",
        "Kapotte straatverlichting in de {straat}",
        (
            "Al weken branden meerdere lantaarnpalen niet.",
            "Vooral ouderen durven 's avonds niet meer over straat.",
            "De storing is gemeld, maar er komt geen hersteldatum.",
        ),
        actions=(("Storing opnieuw melden en om een hersteldatum vragen", "chair"),),
        letter="Melding van defecte lantaarnpalen in de {straat}",
    ),
    TopicSpec(
        "veiligheid",
        "Donkere achterpaden in de {straat}",
        (
            "Bewoners voelen zich 's avonds onveilig op de achterpaden.",
            "De corporatie bekijkt of er lampen aan de schuttingen kunnen.",
        ),
        actions=(("Lichtplan voor de achterpaden voorleggen aan de bewoners", "corporatie"),),
    ),
    TopicSpec(
        "veiligheid",
        "Inbraken in de bergingen aan de {straat}",
        (
            "In één maand zijn zes bergingen opengebroken.",
            "De wijkagent geeft tips; de corporatie gaat de sloten vervangen.",
        ),
        decision="Het team vraagt de corporatie de sloten van alle bergingen te vervangen.",
        actions=(
            ("Sloten van de bergingsgangen vervangen", "corporatie"),
            ("Voorlichtingsavond over inbraakpreventie plannen", "politie"),
        ),
    ),
    TopicSpec(
        "groen",
        "Tegels eruit, groen erin in de {straat}",
        (
            "{by} wil met de buren geveltuintjes aanleggen.",
            "Een tegelwipactie kan samen met de gemeente; plantgoed kan uit het buurtbudget.",
        ),
        actions=(("Tegelwipactie aanvragen bij de gemeente", "by"),),
        idea="Een wedstrijd voor de mooiste geveltuin",
    ),
    TopicSpec(
        "groen",
        "Dode bomen in de {straat}",
        (
            "Vier bomen zijn na de droge zomer doodgegaan.",
            "Bewoners willen weten of en wanneer er nieuwe komen, en welke soort.",
        ),
        actions=(("Herplant van de bomen navragen bij de groenbeheerder", "chair"),),
    ),
    TopicSpec(
        "groen",
        "Buurtmoestuin in {park}",
        (
            "Een groep bewoners wil een moestuin beginnen op een hoek van {park}.",
            "De gemeente staat er positief tegenover als de buurt het onderhoud doet.",
        ),
        decision="Het team steunt de moestuin; de werkgroep vraagt buurtbudget aan.",
        actions=(("Plan voor de moestuin uitwerken met de groenbeheerder", "by"),),
        idea="Kinderen van de school een eigen moestuinbak geven",
    ),
    TopicSpec(
        "jongeren",
        "Jongeren zoeken een eigen plek",
        (
            "Jongeren hangen bij het winkelcentrum omdat ze nergens anders terechtkunnen.",
            "Een jongerenwerker van Stichting Samen is te gast.",
            "Omwonenden willen meepraten over een plek.",
        ),
        decision="Het team steunt een gesprek tussen jongeren, omwonenden en de gemeente.",
        actions=(("Gesprek organiseren met jongeren en omwonenden", "welzijn"),),
        source="community_worker",
    ),
    TopicSpec(
        "jongeren",
        "Voetbaltoernooi in de zomervakantie",
        (
            "Vorig jaar deden twaalf teams mee; dit jaar willen ook meiden meedoen.",
            "De sporthal is in de vakantie dicht, dus het toernooi is buiten.",
        ),
        decision="Het voetbaltoernooi wordt gehouden op het trapveld.",
        actions=(("Aanvraag buurtbudget voor het toernooi indienen", "cw"),),
        source="community_worker",
    ),
    TopicSpec(
        "ouderen",
        "Lift in de seniorenflat aan de {straat} weer kapot",
        (
            "De lift stond deze maand drie keer stil.",
            "Voor bewoners met een rollator betekent dat dagen binnen zitten.",
        ),
        decision="Het projectteam vraagt de corporatie om een storingsoverzicht en een "
        "onderhoudsplan.",
        actions=(("Storingsoverzicht van de lift sturen aan het projectteam", "corporatie"),),
        letter="Brief over de herhaalde liftstoringen in de seniorenflat aan de {straat}",
    ),
    TopicSpec(
        "ouderen",
        "Eenzaamheid onder ouderen",
        (
            "De opbouwwerker ziet dat steeds meer ouderen weinig bezoek krijgen.",
            "De koffieochtend trekt vooral mensen die al actief zijn.",
        ),
        actions=(("Lijst maken van bewoners die een huisbezoek op prijs stellen", "cw"),),
        idea="Een belboom voor de seniorenflat",
        source="community_worker",
    ),
    TopicSpec(
        "ouderen",
        "Bankjes op de looproute naar {winkels}",
        (
            "Ouderen kunnen de looproute naar het winkelcentrum niet in één keer lopen.",
            "Bankjes met armleuningen zouden helpen.",
        ),
        actions=(("Plekken voor bankjes voorstellen aan de gemeente", "by"),),
    ),
    TopicSpec(
        "bewonersparticipatie",
        "Meer bewoners in het projectteam",
        (
            "Het team is klein en vooral bewoners uit de flats ontbreken.",
            "De opbouwwerker wil een open avond in {centrum} organiseren.",
        ),
        actions=(("Open avond in het wijkgebouw organiseren", "cw"),),
        idea="Soep en brood erbij, en uitnodigingen in vier talen",
        source="community_worker",
    ),
    TopicSpec(
        "bewonersparticipatie",
        "Buurtkrant ook op papier",
        (
            "Niet iedereen leest de buurtkrant op internet.",
            "Een papieren versie in de bus kost weinig als vrijwilligers rondbrengen.",
        ),
        decision="De buurtkrant verschijnt voortaan ook op papier.",
        actions=(("Bezorgers werven voor de papieren buurtkrant", "by"),),
    ),
    TopicSpec(
        "bewonersparticipatie",
        "Nieuwe bewoners welkom heten",
        (
            "In de gerenoveerde woningen komen veel nieuwe gezinnen wonen.",
            "{by} stelt voor ze persoonlijk welkom te heten.",
        ),
        actions=(("Tekst schrijven voor een welkomstfolder", "secretary"),),
        idea="Een welkomstpakket met informatie in meerdere talen",
    ),
)

# Sentences the secretary adds to a topic's notes, so minutes read like minutes.
FOLLOW_UPS = (
    "Meerdere aanwezigen herkennen het probleem en vullen aan met voorbeelden uit hun straat.",
    "De voorzitter vat samen wat er is afgesproken en wie wat doet.",
    "Er wordt afgesproken het punt over zes weken opnieuw te agenderen.",
    "De opbouwwerker merkt op dat bewoners dit ook op het spreekuur noemen.",
    "Een bewoner vraagt of de gemeente dit niet uit haar eigen budget hoort te betalen.",
    "De gemeente zegt toe binnen twee weken schriftelijk te reageren.",
    "Het team vindt dat dit in het volgende buurtcontract een eigen punt moet krijgen.",
    "De wijkagent vraagt bewoners overlast altijd te melden, ook als het klein lijkt.",
    "De corporatie neemt het mee naar het overleg met de huurdersvereniging.",
    "Er is discussie over de vraag of dit een taak van de buurt is of van de gemeente.",
    "De buurtcoördinator legt uit hoe de besluitvorming bij de gemeente verloopt.",
    "Bewoners willen op de hoogte blijven; de secretaris zet het in de buurtkrant.",
)

ANNOUNCEMENTS = (
    "De buurtkrant verschijnt binnenkort; kopij graag naar de secretaris.",
    "{centrum} zoekt vrijwilligers voor de bar en de receptie.",
    "{corporatie} heeft een nieuwe wijkconsulent voor de wijk.",
    "De gemeente vervangt de lantaarnpalen door ledverlichting; de wijk is later aan de beurt.",
    "De wijkagent heeft vanaf volgende maand spreekuur op de eerste dinsdag van de maand.",
    "Het jaarverslag van het projectteam ligt ter inzage in {centrum}.",
    "De opbouwwerker is de komende weken met vakantie; vragen kunnen naar Stichting Samen.",
    "De gemeenteraad bespreekt volgende maand de begroting voor de wijken.",
    "Het buurtonderzoek van dit jaar start na de zomer; ook de scholen doen mee.",
    "De speeltuinvereniging bestaat veertig jaar en geeft een feest op het {plein}.",
    "Er is een nieuw telefoonnummer voor meldingen over de openbare ruimte.",
    "De renovatie van de flats aan de {straat} begint in het voorjaar.",
)

ANY_OTHER_BUSINESS = (
    "{name} vraagt wanneer de bankjes in {park} worden geschilderd. De voorzitter zoekt het uit.",
    "{name} meldt dat de container in de {straat} al een week vol zit.",
    "{name} vraagt of de agenda ook op papier in {centrum} kan liggen. Dat wordt geregeld.",
    "{name} bedankt de vrijwilligers van de zwerfafvalronde.",
    "{name} vraagt iedereen de actielijst voor de volgende vergadering door te lopen.",
    "{name} meldt dat de lantaarnpaal bij de speeltuin knippert.",
    "{name} vraagt of het verslag ook in grote letters kan. De secretaris zorgt ervoor.",
    "{name} nodigt iedereen uit voor de koffieochtend op donderdag.",
    "{name} vraagt of de losliggende stoeptegels in de {straat} al gemeld zijn.",
    "{name} stelt voor een keer te vergaderen in de flat aan de {straat}.",
    "Er zijn geen vragen; de voorzitter bedankt iedereen voor de inbreng.",
    "Geen vragen.",
)


@dataclass(frozen=True)
class PartnerSpec:
    title: str
    source: str  # municipality | partner
    notes: str
    decision: str | None = None
    action: tuple[str, str] | None = None


PARTNER_REQUESTS: tuple[PartnerSpec, ...] = (
    PartnerSpec(
        "Toelichting op het speelruimteplan",
        "municipality",
        "De gemeente licht het speelruimteplan toe. Bewoners missen een trapveldje en "
        "toestellen voor peuters in de plannen.",
        action=("Reactie van het projectteam op het speelruimteplan sturen", "secretary"),
    ),
    PartnerSpec(
        "Cijfers woninginbraken en tips voor inbraakpreventie",
        "partner",
        "Het aantal inbraken daalt, maar in de flats zijn kelderboxen opengebroken. De "
        "wijkagent deelt folders uit.",
    ),
    PartnerSpec(
        "Reactie gevraagd op het conceptparkeerbeleid",
        "municipality",
        "Bewoners willen geen extra parkeerplaatsen ten koste van groen.",
        decision="Het projectteam stuurt een korte reactie: geen parkeerplaatsen ten koste "
        "van groen.",
    ),
    PartnerSpec(
        "Enquête over ondergrondse afvalcontainers",
        "municipality",
        "De gemeente wil weten waar bewoners nieuwe containers willen. Het team wijst drie "
        "plekken aan en vraagt de enquête ook op papier te verspreiden.",
        action=("Papieren enquêtes verspreiden in de seniorenflat", "cw"),
    ),
    PartnerSpec(
        "Plaatsing van laadpalen voor elektrische auto's",
        "municipality",
        "De gemeente wil laadpalen plaatsen. Bewoners vragen of daarvoor parkeerplaatsen "
        "verdwijnen.",
        decision="Het team reageert pas als de gemeente een kaart met de precieze plekken "
        "heeft gestuurd.",
    ),
    PartnerSpec(
        "Planning renovatie van de flats",
        "partner",
        "De corporatie licht de planning toe: de renovatie duurt negen maanden. Bewoners "
        "krijgen een eigen aanspreekpunt.",
    ),
    PartnerSpec(
        "Herinrichting van de {weg}: voorlopig ontwerp",
        "municipality",
        "De projectleider laat het ontwerp zien: bredere stoepen, minder parkeerplaatsen en "
        "nieuwe bomen. Bewoners vrezen parkeerdruk in de zijstraten.",
        action=("Reactie op het voorlopig ontwerp sturen", "secretary"),
    ),
    PartnerSpec(
        "Reactie gevraagd op de Omgevingsvisie Lingestede",
        "municipality",
        "Het team vindt de stukken lastig te lezen en vraagt om een avond met uitleg.",
        decision="Het projectteam vraagt de gemeente om een informatieavond in de wijk.",
    ),
    PartnerSpec(
        "Resultaten van de controles bij het winkelcentrum",
        "partner",
        "De wijkagent meldt twee controles en één boete. Bewoners herkennen dat beeld niet: "
        "de overlast gaat door.",
    ),
    PartnerSpec(
        "Campagne tegen fietsendiefstal",
        "partner",
        "De politie wil fietsen graveren op de markt. Het team helpt met de aankondiging.",
        action=("Aankondiging in de buurtkrant zetten", "secretary"),
    ),
)

EVALUATION_NOTES = (
    "Van de punten onder dit thema is het grootste deel in uitvoering of afgerond.",
    "Bewoners zijn tevreden over de inzet van de gemeente, minder over de snelheid.",
    "Een aantal punten loopt al langer vertraging op; het team wil daar uitleg over.",
    "De werkgroep stelt voor twee punten mee te nemen naar het volgende buurtcontract.",
    "De partijen zeggen toe de voortgang voortaan per kwartaal te melden.",
)

PROGRESS_NOTES = (  # a point's history: still in progress, with news
    "Voortgang besproken; de partij verwacht het op tijd af te ronden.",
    "Eerste deel uitgevoerd; de rest volgt na overleg met de bewoners.",
    "Bewoners hebben meegekeken en zijn positief over de aanpak.",
    "Offertes zijn binnen; de keuze wordt in het volgende overleg gemaakt.",
    "Een schouw met bewoners gehouden; aandachtspunten doorgegeven.",
    "Uitvoering loopt; de partij meldt de voortgang bij de volgende vergadering.",
)

# -- the budget -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposalTemplate:
    title: str
    theme: str
    low: int  # euros
    high: int
    description: str
    maintenance: bool = False  # regular maintenance: the municipality's job, never granted


PROPOSAL_TEMPLATES: tuple[ProposalTemplate, ...] = (
    ProposalTemplate(
        "Buurtfeest op het {plein}",
        "bewonersparticipatie",
        1200,
        3500,
        "Tenten, geluid, een springkussen en een kraam met gerechten uit alle landen van de buurt.",
    ),
    ProposalTemplate(
        "Buitenspeeldag in {park}",
        "spelen",
        400,
        1200,
        "Spellen, limonade en een clown; de school en de speeltuinvereniging doen mee.",
    ),
    ProposalTemplate(
        "Plantgoed voor geveltuintjes in de {straat}",
        "groen",
        300,
        2500,
        "Plantgoed, potgrond en gereedschap voor een tegelwipactie met de buren.",
    ),
    ProposalTemplate(
        "Hekje tegen fietsen op het trottoir in de {straat}",
        "verkeersveiligheid",
        600,
        1900,
        "Een laag hekje, geplaatst door de gemeente, betaald uit het buurtbudget.",
    ),
    ProposalTemplate(
        "Speeltoestel voor peuters op het {plein}",
        "spelen",
        2500,
        6500,
        "De gemeente rekent een peutertoestel niet tot het speelruimteplan.",
    ),
    ProposalTemplate(
        "Voetbaltoernooi voor jongeren op het trapveld",
        "jongeren",
        500,
        1500,
        "Bekers, shirts en catering voor twaalf teams.",
    ),
    ProposalTemplate(
        "Ontmoetingsmiddagen voor ouderen in {centrum}",
        "ouderen",
        300,
        1200,
        "Koffie, taart en vervoer voor wie slecht ter been is.",
    ),
    ProposalTemplate(
        "Bankjes met armleuningen langs de looproute naar {winkels}",
        "ouderen",
        900,
        3000,
        "Drie bankjes, geplaatst op plekken die de bewoners hebben aangewezen.",
    ),
    ProposalTemplate(
        "Buurtmoestuin in {park}",
        "groen",
        800,
        3800,
        "Tien moestuinbakken, een regenton en gereedschap.",
    ),
    ProposalTemplate(
        "Zwerfafvalgrijpers en hesjes voor de opruimploeg",
        "schoon",
        150,
        600,
        "Twintig grijpers, hesjes en afvalzakken voor de maandelijkse ronde.",
    ),
    ProposalTemplate(
        "Muurschildering door jongeren langs de {weg}",
        "jongeren",
        1500,
        5200,
        "Verf, steigers en een kunstenaar die de jongeren begeleidt.",
    ),
    ProposalTemplate(
        "Kerstmarkt in {centrum}",
        "bewonersparticipatie",
        500,
        1800,
        "Kramen, verlichting en warme chocolademelk.",
    ),
    ProposalTemplate(
        "Cursus reanimeren voor bewoners",
        "veiligheid",
        400,
        1400,
        "Twee avonden les door de EHBO-vereniging, met een oefenpop.",
    ),
    ProposalTemplate(
        "AED aan de gevel van {centrum}",
        "veiligheid",
        1500,
        2500,
        "Een AED in een verwarmde kast, met aanmelding bij het oproepsysteem.",
    ),
    ProposalTemplate(
        "Huiswerkbegeleiding in {centrum}",
        "jongeren",
        600,
        2400,
        "Een begeleider twee middagen per week, een jaar lang.",
    ),
    ProposalTemplate(
        "Papieren buurtkrant, vier nummers",
        "bewonersparticipatie",
        700,
        1600,
        "Drukwerk voor vier nummers; vrijwilligers brengen rond.",
    ),
    ProposalTemplate(
        "Bloembakken op het {plein}",
        "groen",
        400,
        1500,
        "Zes bloembakken; bewoners geven water en houden ze bij.",
    ),
    ProposalTemplate(
        "Stoeptegels herstellen in de {straat}",
        "verkeersveiligheid",
        800,
        2200,
        "Losliggende tegels voor de seniorenflat.",
        maintenance=True,
    ),
    ProposalTemplate(
        "Lantaarnpalen repareren in de {straat}",
        "veiligheid",
        600,
        1800,
        "Drie lantaarnpalen die al maanden niet branden.",
        maintenance=True,
    ),
    ProposalTemplate(
        "Gras maaien op het trapveld",
        "spelen",
        300,
        900,
        "Het trapveld wordt te weinig gemaaid.",
        maintenance=True,
    ),
)

REJECTION_REASONS = (
    "Past niet bij het doel van het buurtbudget.",
    "Het team vindt het plan nog te weinig uitgewerkt; een nieuwe aanvraag is welkom.",
    "Te weinig draagvlak in de straat; eerst met de buren overleggen.",
)
MAINTENANCE_REASON = (
    "Regulier onderhoud: dit betaalt de gemeente uit haar eigen budget, niet uit het "
    "buurtbudget. Het team meldt het bij de gemeente."
)
PAYMENT_REFERENCES = (
    "voorschot werkgroep",
    "factuur leverancier",
    "declaratie vrijwilligers",
    "factuur tweede termijn",
    "boodschappen en materiaal",
    "factuur na oplevering",
)

# -- buurtkwesties ----------------------------------------------------------------------------

ISSUE_REPLIES = (
    "Antwoord ontvangen: het probleem is bekend en binnen acht weken gebeurt er iets.",
    "Antwoord ontvangen: het krijgt prioriteit; er wordt om hulp van de wijkagent gevraagd.",
    "Antwoord ontvangen: er is geen geld voor; het team wordt verwezen naar het buurtbudget.",
    "Antwoord ontvangen: men komt het samen met de bewoners ter plekke bekijken.",
)
ISSUE_NOTES = (
    "Bewoners melden dat er nog niets veranderd is.",
    "Een deel is opgelost; bewoners houden de rest bij.",
    "Ter plekke gekeken met de gebiedsbeheerder.",
    "Opgelost; de bewoners zijn tevreden.",
)

SOURCE_ORDER = {"resident": 0, "community_worker": 1, "team": 2}


def large_exchange(today: dt.date) -> Json:
    """The five wijken of Lingestede as an exchange-format v1 document, dated around `today`.

    Every wijk's meetings up to `today` are held (minutes approved at the next one, except
    the last), the next two are planned; every other date lies on or before `today`.
    """
    if isinstance(today, dt.datetime):
        today = today.date()
    first_month = _add_months(today.replace(day=1), -10 * 12)
    return {
        "format": "buurtteam",
        "version": 1,
        "neighbourhoods": [
            _Wijk(hood, index, today, first_month).document() for index, hood in enumerate(HOODS)
        ],
    }


# -- building one wijk ------------------------------------------------------------------------

# No team meets in the Christmas holidays or the middle of the summer: a meeting that would
# fall there is held on the same weekday before (at most four weeks earlier, so the
# six-weekly rhythm keeps two weeks between meetings and a planned meeting stays after today).
HOLIDAYS = (((12, 20), (1, 5)), ((7, 24), (8, 16)))


def _before_holidays(day: dt.date) -> dt.date:
    for (from_month, from_day), (to_month, to_day) in HOLIDAYS:
        starts = dt.date(day.year, from_month, from_day)
        if from_month > to_month and day.month <= to_month:  # the part in the new year
            starts = dt.date(day.year - 1, from_month, from_day)
        ends = dt.date(starts.year + (from_month > to_month), to_month, to_day)
        if starts <= day <= ends:
            weeks_back = (day - starts).days // 7 + 1
            return day - dt.timedelta(weeks=weeks_back)
    return day


@dataclass
class _Point:
    json: Json
    theme: str
    contract: int


class _Wijk:
    """Builds one wijk in dependency order: schedule, contracts, budget, meetings, issues."""

    def __init__(self, hood: Hood, index: int, today: dt.date, first_month: dt.date) -> None:
        self.hood = hood
        self.today = today
        self.rng = random.Random(SEED + index)
        self.person = {p.id: p for p in hood.people}
        last = today - dt.timedelta(days=7)
        last -= dt.timedelta(days=(last.weekday() - hood.weekday) % 7)
        first = last - (HELD_MEETINGS - 1) * INTERVAL
        self.dates = [
            _before_holidays(first + i * INTERVAL) for i in range(HELD_MEETINGS + PLANNED_MEETINGS)
        ]
        self.held = self.dates[:HELD_MEETINGS]
        self.last = HELD_MEETINGS - 1
        self.meeting_ids = [f"m-{day.isoformat()}" for day in self.dates]
        self.contract_starts = [
            _add_months(first_month, 1 + SURVEY_STAGGER_MONTHS * index + CONTRACT_MONTHS * c)
            for c in range(CONTRACTS + 1)
        ]
        self.counters: dict[str, int] = {}
        self.points: list[list[_Point]] = []
        self.changes: dict[int, list[tuple[_Point, Json]]] = {}  # meeting: history entries
        self.proposals_by_meeting: dict[int, list[Json]] = {}
        self.issues: list[Json] = []
        self.voters: dict[int, int] = {}
        self.open_actions = 0

    # -- small helpers ------------------------------------------------------------------------

    def next_id(self, prefix: str) -> str:
        self.counters[prefix] = self.counters.get(prefix, 0) + 1
        return f"{prefix}-{self.counters[prefix]}"

    def fill(self, text: str, street: str | None = None, by: str | None = None) -> str:
        hood = self.hood
        for old, new in hood.replacements():
            text = text.replace(old, new)
        return text.format(
            straat=street or self.rng.choice(hood.streets),
            park=hood.park,
            plein=hood.square,
            veldplein=hood.pitch_square,
            weg=hood.main_road,
            winkels=hood.shops,
            centrum=hood.centre,
            school=hood.school,
            corporatie=hood.corporation,
            by=self.person[by].first_name if by else "Een bewoner",
        )

    def contract_of(self, day: dt.date) -> int | None:
        """The index of the contract in force on `day`, if any."""
        for c in range(CONTRACTS):
            if self.contract_starts[c] <= day < self.contract_starts[c + 1]:
                return c
        return None

    def meetings_in(self, c: int) -> list[int]:
        start, end = self.contract_starts[c], self.contract_starts[c + 1]
        return [i for i, day in enumerate(self.held) if start <= day < end]

    # -- the document -------------------------------------------------------------------------

    def document(self) -> Json:
        contracts = [self.contract(c) for c in range(CONTRACTS)]
        budget_years, proposals = self.budget()
        meetings = self.meetings()
        return {
            "name": self.hood.name,
            "municipality": MUNICIPALITY,
            "parties": _parties(self.hood),
            "people": [
                _compact(
                    {
                        "id": p.id,
                        "name": p.name,
                        "roles": list(p.roles),
                        "email": p.email,
                        "phone": p.phone,
                        "party": p.party,
                    }
                )
                for p in self.hood.people
            ],
            "contracts": contracts,
            "meetings": meetings,
            "budget_years": budget_years,
            "proposals": proposals,
            "issues": self.issues,
        }

    # -- contracts ----------------------------------------------------------------------------

    def contract(self, c: int) -> Json:
        starts_on = self.contract_starts[c]
        ends_on = self.contract_starts[c + 1] - dt.timedelta(days=1)
        meetings = self.meetings_in(c)
        previous = {p.json["number"]: p for p in self.points[c - 1]} if c else {}
        points: list[_Point] = []
        number = 0
        used: set[str] = set()
        for theme, specs in THEMES.items():
            for spec in specs:
                number += 1
                carried = previous.get(number)
                points.append(
                    self.point(c, number, theme, spec, meetings, carried, used, starts_on, ends_on)
                )
        self.points.append(points)
        year = starts_on.year
        return {
            "id": f"c-{year}",
            "title": f"Buurtcontract {self.hood.name} {year}–{ends_on.year}",
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "signatures": [
                {
                    "party": party,
                    "signed_on": (starts_on - dt.timedelta(days=days)).isoformat(),
                    "signed_by": signer,
                }
                for party, days, signer in SIGNERS
                if starts_on - dt.timedelta(days=days) <= self.today
            ],
            "points": [p.json for p in points],
        }

    def point(
        self,
        c: int,
        number: int,
        theme: str,
        spec: PointSpec,
        meetings: list[int],
        carried: _Point | None,
        used: set[str],
        starts_on: dt.date,
        ends_on: dt.date,
    ) -> _Point:
        title = self.fill(spec.title.replace("{straat}", "\0"))
        while "\0" in title:
            candidate = title.replace("\0", self.rng.choice(self.hood.streets))
            if candidate not in used or len(used) > 500:
                title = candidate
        used.add(title)
        carry = carried is not None and carried.json["status"] in (
            "open",
            "in_progress",
            "delayed",
            "not_kept",
        )
        months = self.rng.randint(3, CONTRACT_MONTHS - 1)
        due = None if spec.party == "raad" else _month_end(_add_months(starts_on, months - 1))
        history = self.history(spec.party, meetings, due, ends_on)
        slips = [entry["due"] for entry in history if "due" in entry]
        point = _compact(
            {
                "number": number,
                "title": title,
                "description": self.fill(spec.description) if spec.description else None,
                "theme": theme,
                "party": spec.party,
                "due": slips[-1] if slips else (due.isoformat() if due else None),
                "status": history[-1]["status"] if history else "open",
                "carried_from": (
                    {"contract": f"c-{self.contract_starts[c - 1].year}", "number": number}
                    if carry
                    else None
                ),
                "history": history,
            }
        )
        made = _Point(point, theme, c)
        for entry in history:
            index = self.meeting_ids.index(entry["meeting"])
            self.changes.setdefault(index, []).append((made, entry))
        return made

    def history(
        self, party: str, meetings: list[int], due: dt.date | None, ends_on: dt.date
    ) -> list[Json]:
        """A believable, dated history: started, news, slips, and an outcome near the due date."""
        rng = self.rng
        if not meetings:
            return []
        entries: list[Json] = []
        position = rng.randint(0, min(3, len(meetings) - 1))
        if rng.random() < 0.06:  # never started
            return []
        status = "in_progress"
        current_due = due
        while position < len(meetings):
            index = meetings[position]
            day = self.held[index]
            past_due = current_due is not None and day >= current_due
            if not entries:
                entries.append(self.entry(index, "in_progress", party))
            elif past_due:
                outcome = rng.choices(
                    ("done", "delayed", "not_kept", "dropped"), weights=(58, 26, 9, 7)
                )[0]
                if outcome == "delayed" and current_due is not None:
                    new_due = min(
                        _month_end(day + dt.timedelta(days=rng.randint(60, 240))),
                        ends_on,
                    )
                    if new_due <= day:
                        outcome = "not_kept"
                    else:
                        current_due = new_due
                        entries.append(self.entry(index, "delayed", party, new_due))
                        status = "delayed"
                if outcome != "delayed":
                    entries.append(self.entry(index, outcome, party))
                    return entries
            elif rng.random() < 0.75:
                if status == "delayed":
                    status = "in_progress"
                    entries.append(self.entry(index, status, party))
                else:
                    entries.append(self.entry(index, status, party, progress=True))
            position += rng.randint(1, 2)
        last = meetings[-1]
        # Council points have no date: some end with the council's decision.
        ends_open = due is None and entries and entries[-1]["meeting"] != self.meeting_ids[last]
        if ends_open and rng.random() < 0.5:
            entries.append(self.entry(last, rng.choice(("done", "dropped")), party))
        return entries

    def entry(
        self,
        index: int,
        status: str,
        party: str,
        due: dt.date | None = None,
        *,
        progress: bool = False,
    ) -> Json:
        if progress:
            note = self.rng.choice(PROGRESS_NOTES)
        else:
            notes = POINT_NOTES[status]
            note = self.rng.choice(notes.get(party) or notes["*"])
        return _compact(
            {
                "date": self.held[index].isoformat(),
                "status": status,
                "note": note,
                "meeting": self.meeting_ids[index],
                "due": due.isoformat() if due else None,
            }
        )

    # -- budget -------------------------------------------------------------------------------

    def budget(self) -> tuple[list[Json], list[Json]]:
        rng = self.rng
        years = list(range(self.held[0].year, self.dates[-1].year + 1))
        available = {year: BUDGET_PER_YEAR for year in years}
        carry_over: dict[int, Decimal] = {}
        granted = {year: Decimal(0) for year in years}
        proposals: list[Json] = []
        for index in range(HELD_MEETINGS):
            year = self.held[index].year
            if index > 0 and self.held[index - 1].year < year and year - 1 in granted:
                # The team brings part of last year's remainder into the new year.
                left = available[year - 1] - granted[year - 1]
                if left >= Decimal("500.00") and rng.random() < 0.7:
                    carry = min(left, Decimal("5000.00")).quantize(Decimal("100"))
                    carry_over[year] = carry
                    available[year] += carry
            low, high = PROPOSALS_PER_MEETING
            for _ in range(rng.randint(low, high)):
                proposal = self.proposal(index, available[year] - granted[year])
                if proposal["status"] == "granted":
                    granted[year] += Decimal(proposal["decision"]["amount_granted"])
                proposals.append(proposal)
                self.proposals_by_meeting.setdefault(index, []).append(proposal)
        # Two proposals wait for the next meeting.
        for _ in range(2):
            proposals.append(self.proposal(None, Decimal(0)))
        budget_years = [
            _compact(
                {
                    "year": year,
                    "amount": format_exchange_money(BUDGET_PER_YEAR),
                    "carry_over": format_exchange_money(carry_over[year])
                    if year in carry_over
                    else None,
                }
            )
            for year in years
        ]
        return budget_years, proposals

    def proposal(self, index: int | None, remaining: Decimal) -> Json:
        rng = self.rng
        template = rng.choice(PROPOSAL_TEMPLATES)
        by = rng.choice(self.hood.residents)
        requested = Decimal(rng.randrange(template.low, template.high + 1, 25))
        pid = f"b-{self.next_id('b').split('-')[1].zfill(4)}"
        street = rng.choice(self.hood.streets)
        if index is None:
            decided = self.dates[HELD_MEETINGS]
            received = self.held[self.last] + dt.timedelta(days=rng.randint(1, 6))
            status, amount, reason = "submitted", None, None
        else:
            decided = self.held[index]
            received = decided - dt.timedelta(days=rng.randint(9, 30))
            status, amount, reason = self.decide(template, requested, remaining)
        year = decided.year
        decision = None
        payments: list[Json] = []
        if index is not None and status in ("granted", "rejected", "deferred"):
            votes = self.votes_for(status)
            decision = _compact(
                {
                    "meeting": self.meeting_ids[index],
                    "amount_granted": format_exchange_money(amount) if amount else None,
                    "reason": reason,
                    "votes": votes,
                }
            )
            if status == "granted" and amount:
                payments = self.payments(decided, amount)
        return _compact(
            {
                "id": pid,
                "year": year,
                "title": self.fill(template.title, street),
                "description": self.fill(template.description, street),
                "theme": template.theme,
                "submitted_by": by,
                "received_on": received.isoformat(),
                "amount_requested": format_exchange_money(requested),
                "not_regular_maintenance": not template.maintenance,
                "status": status,
                "decision": decision,
                "payments": payments,
            }
        )

    def decide(
        self, template: ProposalTemplate, requested: Decimal, remaining: Decimal
    ) -> tuple[str, Decimal | None, str | None]:
        rng = self.rng
        if template.maintenance:
            return "rejected", None, MAINTENANCE_REASON
        roll = rng.random()
        if roll < 0.05:
            return "withdrawn", None, None
        if roll < 0.10:
            return "deferred", None, "Aangehouden tot er een tweede offerte is."
        if roll < 0.22:
            return "rejected", None, rng.choice(REJECTION_REASONS)
        if remaining < Decimal("100.00"):
            return "rejected", None, "Het buurtbudget van dit jaar is op; dien hem volgend jaar in."
        if requested <= remaining and roll < 0.85:
            return "granted", requested, None
        part = min(requested, remaining) * Decimal(rng.choice(("0.5", "0.6", "0.75")))
        part = part.quantize(Decimal("1"))
        if part <= 0:
            return "rejected", None, "Het buurtbudget van dit jaar is op."
        return (
            "granted",
            part,
            f"Gedeeltelijk toegekend: {_euro(part)} van de gevraagde {_euro(requested)}.",
        )

    def votes_for(self, status: str) -> Json | None:
        voters = self.rng.randint(4, 8)
        if status == "granted":
            abstain = 1 if self.rng.random() < 0.2 else 0
            return _votes(voters - abstain, 0, abstain)
        if status == "rejected":
            return _votes(1, voters - 2, 1)
        return None

    def payments(self, decided: dt.date, amount: Decimal) -> list[Json]:
        rng = self.rng
        parts = rng.choices((1, 2, 3, 4), weights=(20, 40, 25, 15))[0]
        paid: list[Json] = []
        left = amount
        day = decided
        for part in range(parts):
            day += dt.timedelta(days=rng.randint(10, 60))
            if day > self.today:
                break
            share = left if part == parts - 1 else (left / (parts - part)).quantize(Decimal("1"))
            if share <= 0:
                break
            left -= share
            paid.append(
                {
                    "paid_on": day.isoformat(),
                    "amount": format_exchange_money(share),
                    "reference": rng.choice(PAYMENT_REFERENCES),
                }
            )
        return paid

    # -- meetings -----------------------------------------------------------------------------

    def meetings(self) -> list[Json]:
        meetings = []
        carried: list[tuple[PartnerSpec, str]] = []
        evaluated: set[int] = set()
        for index in range(HELD_MEETINGS):
            day = self.held[index]
            evaluation = day.month >= EVALUATION_MONTH and day.year not in evaluated
            if evaluation:
                evaluated.add(day.year)
            meeting, carried = self.held_meeting(index, carried, evaluation=evaluation)
            meetings.append(meeting)
        meetings.append(self.planned_meeting(HELD_MEETINGS, carried))
        for index in range(HELD_MEETINGS + 1, HELD_MEETINGS + PLANNED_MEETINGS):
            meetings.append(self.planned_meeting(index, []))
        return meetings

    def planned_meeting(self, index: int, carried: list[tuple[PartnerSpec, str]]) -> Json:
        requests = []
        if index == HELD_MEETINGS:
            last = self.held[self.last]
            for days in (1, 3, 5):
                topic = self.rng.choice(TOPICS)
                by = self.rng.choice(self.hood.residents)
                requests.append(
                    self.request(self.fill(topic.title, by=by), "resident", by, last, days)
                )
            for spec, origin in carried:
                requests.append(
                    self.request(
                        self.fill(spec.title),
                        spec.source,
                        None,
                        last,
                        -8,
                        state="pending",
                        carried_from=origin,
                    )
                )
        return {
            "id": self.meeting_ids[index],
            "starts_at": f"{self.dates[index].isoformat()}T{self.hood.starts_at}",
            "location": f"{self.hood.centre}, {self.hood.address}",
            "chair": self.hood.chair,
            "secretary": self.hood.secretary,
            "status": "planned",
            "attendance": [],
            "guests": [],
            "errata": [],
            "agenda_requests": requests,
            "agenda": [],
        }

    def request(
        self,
        title: str,
        source: str,
        by: str | None,
        day: dt.date,
        days_after: int,
        *,
        state: str = "pending",
        carried_from: str | None = None,
    ) -> Json:
        return _compact(
            {
                "id": self.next_id("r"),
                "title": title,
                "source": source,
                "submitted_by": by,
                "submitted_on": min(day + dt.timedelta(days=days_after), self.today).isoformat(),
                "state": state,
                "carried_from": carried_from,
            }
        )

    def attendance(self, must: set[str]) -> list[Json]:
        rng = self.rng
        rows = []
        for person in self.hood.people:
            if person.id in must:
                status = "present"
            else:
                weights = (55, 38, 7) if "partner" in person.roles else (78, 17, 5)
                status = rng.choices(("present", "absent_with_notice", "absent"), weights)[0]
            row: Json = {"person": person.id, "status": status}
            if status == "present" and person.id != self.hood.chair:
                roll = rng.random()
                if roll < 0.06:
                    row["arrived_at"] = rng.choice(("19:45", "19:50", "20:05", "20:15"))
                elif roll < 0.1:
                    row["left_at"] = rng.choice(("20:55", "21:00", "21:15"))
            rows.append(row)
        voters = [row for row in rows if self.person[row["person"]].votes]
        for row in voters:
            if sum(r["status"] == "present" for r in voters) >= 4:
                break
            row["status"] = "present"
        return rows

    def held_meeting(
        self, index: int, carried: list[tuple[PartnerSpec, str]], *, evaluation: bool
    ) -> tuple[Json, list[tuple[PartnerSpec, str]]]:
        rng = self.rng
        hood = self.hood
        day = self.held[index]
        topic_count = rng.randint(2, 4) + (4 if evaluation else 0)
        topics = [
            (spec, self.topic_owner(spec))
            for spec in sorted(
                rng.sample(TOPICS, topic_count), key=lambda spec: SOURCE_ORDER[spec.source]
            )
        ]
        partner_now = [rng.choice(PARTNER_REQUESTS)] if rng.random() < 0.45 else []
        if evaluation:
            partner_now += rng.sample(PARTNER_REQUESTS, 2)
        decided = self.proposals_by_meeting.get(index, [])
        must = {hood.chair, hood.secretary, *(by for _, by in topics)}
        must.update(p["submitted_by"] for p in decided)
        attendance = self.attendance(must)
        present = [row["person"] for row in attendance if row["status"] == "present"]
        self.voters[index] = sum(self.person[p].votes for p in present)

        requests: list[Json] = []
        items: list[Json] = [self.opening(index, attendance)]
        if rng.random() < 0.6 or evaluation:
            items.append(
                self.item(
                    index,
                    "announcements",
                    "Mededelingen",
                    "team",
                    "information",
                    minutes=5,
                    notes=" ".join(self.fill(a) for a in rng.sample(ANNOUNCEMENTS, 2)),
                )
            )
        if index > 0:
            items.append(self.previous_minutes(index))
        for spec, by in topics:
            request = None
            if spec.source in ("resident", "community_worker"):
                submitted = day - dt.timedelta(days=rng.randint(5, 30))
                req = self.request(
                    self.fill(spec.title, by=by), spec.source, by, submitted, 0, state="placed"
                )
                requests.append(req)
                request = req["id"]
            items.append(self.topic_item(index, spec, by, request))
        if evaluation:
            items += self.year_items(index)
            items += self.evaluation_items(index)
        items.append(self.contract_item(index))
        items += [self.budget_item(index, proposal) for proposal in decided]
        next_carried: list[tuple[PartnerSpec, str]] = []
        for partner, origin in carried:
            req = self.request(
                self.fill(partner.title),
                partner.source,
                None,
                day,
                -20,
                state="placed",
                carried_from=origin,
            )
            requests.append(req)
            items.append(self.partner_item(index, partner, req["id"]))
        for partner in partner_now:
            state = rng.choices(("placed", "deferred", "declined"), weights=(75, 15, 10))[0]
            req = self.request(
                self.fill(partner.title), partner.source, None, day, -12, state=state
            )
            requests.append(req)
            if state == "placed":
                items.append(self.partner_item(index, partner, req["id"]))
            elif state == "deferred":
                next_carried.append((partner, req["id"]))
        items.append(self.any_other_business(index, present))
        ends = 21 * 60 + 30 + 5 * rng.randint(0, 6) + (45 if evaluation else 0)
        items.append(
            self.item(
                index,
                "closing",
                "Sluiting",
                "team",
                "information",
                minutes=5,
                notes=f"De voorzitter dankt iedereen en sluit de vergadering om "
                f"{_clock(ends).replace(':', '.')} uur.",
            )
        )
        approved = index < self.last
        start_hour, start_minute = (int(part) for part in hood.starts_at.split(":"))
        ends = max(ends, start_hour * 60 + start_minute + 60)
        meeting = _compact(
            {
                "id": self.meeting_ids[index],
                "starts_at": f"{day.isoformat()}T{hood.starts_at}",
                "ends_at": f"{day.isoformat()}T{_clock(min(ends, 23 * 60 + 45))}",
                "location": f"{hood.centre}, {hood.address}",
                "chair": hood.chair,
                "secretary": hood.secretary,
                "status": "minutes_approved" if approved else "held",
                "minutes_approved_at": self.meeting_ids[index + 1] if approved else None,
                "attendance": attendance,
                "guests": self.guests(index),
                "errata": self.errata(index),
                "agenda_requests": requests,
                "agenda": items,
            }
        )
        return meeting, next_carried

    def topic_owner(self, spec: TopicSpec) -> str:
        if spec.source == "community_worker":
            return self.hood.community_worker
        return self.rng.choice(self.hood.residents)

    def guests(self, index: int) -> list[Json]:
        if self.rng.random() >= 0.15:
            return []
        return [
            self.rng.choice(
                (
                    {
                        "name": "Pieter Vonk",
                        "organisation": f"Gemeente {MUNICIPALITY}, gebiedsbeheerder",
                    },
                    {"name": "Sabine Ramkisoen", "organisation": "Stichting Samen, jongerenwerk"},
                    {
                        "name": "Gijs Elzinga",
                        "organisation": f"Gemeente {MUNICIPALITY}, Handhaving",
                    },
                    {"name": "Marleen Ooms"},
                )
            )
        ]

    def errata(self, index: int) -> list[Json]:
        if index >= self.last - 1 or self.rng.random() >= 0.03:
            return []
        day = self.held[index + 1] + dt.timedelta(days=self.rng.randint(3, 10))
        return [
            {
                "date": min(day, self.today).isoformat(),
                "text": "In het verslag is bij de aanwezigen een naam weggevallen; de lijst "
                "is aangevuld.",
            }
        ]

    # -- agenda items -------------------------------------------------------------------------

    def item(
        self,
        index: int,
        section: str,
        title: str,
        source: str,
        purpose: str,
        **links: Any,
    ) -> Json:
        return agenda_item(self.next_id(f"a-{index + 1}"), section, title, source, purpose, **links)

    def decision(self, index: int, text: str, *, voted: bool = False) -> Json:
        votes = None
        if voted:
            voters = max(self.voters.get(index, 4), 3)
            abstain = 1 if voters > 3 and self.rng.random() < 0.25 else 0
            votes = _votes(voters - abstain, 0, abstain)
        return _compact({"id": self.next_id("d"), "text": text, "votes": votes})

    def action(self, index: int, text: str, who: str, by: str | None = None) -> Json:
        rng = self.rng
        hood = self.hood
        owner = {
            "chair": hood.chair,
            "cw": hood.community_worker,
            "secretary": hood.secretary,
            "by": by or hood.secretary,
        }.get(who)
        opened = self.held[index]
        due = opened + dt.timedelta(days=rng.choice((14, 21, 28, 42, 56)))
        age = self.last - index
        chance = 0.97 if age > 4 else 0.7 if age > 1 else 0.25
        done_on = None
        if rng.random() < chance:
            done_on = min(opened + dt.timedelta(days=rng.randint(3, 70)), self.today)
        return _compact(
            {
                "id": self.next_id("x"),
                "text": text,
                "owner": owner,
                "party": None if owner else who,
                "due": due.isoformat(),
                "done_on": done_on.isoformat() if done_on else None,
            }
        )

    def opening(self, index: int, attendance: list[Json]) -> Json:
        sentences = ["De voorzitter opent de vergadering en heet iedereen welkom."]
        for status, label in (
            ("absent_with_notice", "Afwezig met kennisgeving"),
            ("absent", "Afwezig zonder bericht"),
        ):
            names = [self.person[r["person"]].name for r in attendance if r["status"] == status]
            if names:
                sentences.append(f"{label}: {', '.join(names)}.")
        sentences.append("De agenda wordt ongewijzigd vastgesteld.")
        return self.item(
            index,
            "opening",
            "Opening en vaststellen agenda",
            "team",
            "information",
            minutes=5,
            notes=" ".join(sentences),
        )

    def previous_minutes(self, index: int) -> Json:
        previous = self.held[index - 1]
        return self.item(
            index,
            "previous_minutes",
            f"Verslag van {_datum(previous, weekday=True)}",
            "team",
            "decision",
            minutes=10,
            notes="Het verslag wordt doorgenomen. De actielijst wordt besproken; afgeronde "
            "acties worden afgevoerd.",
            decisions=[
                self.decision(
                    index,
                    f"Het verslag van {_datum(previous, year=False)} wordt ongewijzigd "
                    "vastgesteld.",
                )
            ],
            actions=[self.action(index, "Bijgewerkte actielijst rondsturen", "secretary")]
            if self.rng.random() < 0.6
            else [],
        )

    def topic_item(self, index: int, spec: TopicSpec, by: str, request: str | None) -> Json:
        rng = self.rng
        street = rng.choice(self.hood.streets)
        title = self.fill(spec.title, street, by)
        sentences = [self.fill(s, street, by) for s in spec.notes]
        sentences += rng.sample(FOLLOW_UPS, rng.randint(1, 3))
        decisions = []
        if spec.decision:
            decisions.append(self.decision(index, self.fill(spec.decision, street, by), voted=True))
        if rng.random() < 0.55:
            decisions.append(
                self.decision(
                    index, f"Het punt komt terug op de agenda van {_datum(self.dates[index + 1])}."
                )
            )
        actions = [
            self.action(index, self.fill(text, street, by), who, by) for text, who in spec.actions
        ]
        if rng.random() < 0.8:
            actions.append(
                self.action(index, "Bewoners in de straat informeren over de uitkomst", "by", by)
            )
        ideas = (
            [{"id": self.next_id("i"), "text": self.fill(spec.idea, street, by)}]
            if spec.idea
            else []
        )
        c = self.contract_of(self.held[index])
        points = []
        if c is not None:
            same_theme = [p.json["number"] for p in self.points[c] if p.theme == spec.theme]
            points = sorted(rng.sample(same_theme, min(len(same_theme), rng.randint(0, 2))))
        issues = []
        if spec.letter and rng.random() < ISSUE_CHANCE:
            issues.append(self.issue(index, spec, title, by, street, request))
        return self.item(
            index,
            "topics",
            title,
            spec.source,
            "decision" if decisions else "discussion",
            by=by,
            request=request,
            minutes=rng.choice((15, 20, 20, 25, 30)),
            notes=" ".join(sentences),
            decisions=decisions,
            actions=actions,
            ideas=ideas,
            points=points,
            issues=issues,
        )

    def contract_item(self, index: int) -> Json:
        c = self.contract_of(self.held[index])
        if c is None:
            return self.item(
                index,
                "contract",
                "Buurtonderzoek en het eerste buurtcontract",
                "team",
                "information",
                minutes=15,
                notes="De buurtcoördinator vertelt hoe het buurtonderzoek loopt. Bewoners, "
                "scholen en jongeren worden gehoord; het eerste buurtcontract wordt "
                "voorbereid.",
            )
        changes = sorted(self.changes.get(index, []), key=lambda ch: ch[0].json["number"])
        sentences = []
        for point, entry in changes[:6]:
            subject = f"Punt {point.json['number']} ({point.json['title']})"
            phrase = {
                "in_progress": "is in uitvoering",
                "done": "is afgerond",
                "delayed": "loopt vertraging op",
                "not_kept": "is niet nagekomen",
                "dropped": "is vervallen",
            }[entry["status"]]
            sentence = f"{subject} {phrase}"
            if entry.get("due"):
                sentence += f"; nieuwe datum {_datum(dt.date.fromisoformat(entry['due']))}"
            sentences.append(f"{sentence}. {entry.get('note', '')}".strip())
        if len(changes) > 6:
            others = _count(len(changes) - 6, "ander punt", "andere punten")
            sentences.append(f"Verder bijgewerkt: {others}; zie het voortgangsoverzicht.")
        if not sentences:
            sentences.append("Geen wijzigingen in de voortgang sinds de vorige vergadering.")
        actions = []
        decisions = []
        broken = [point for point, entry in changes if entry["status"] == "not_kept"]
        if broken:
            number = broken[0].json["number"]
            actions.append(
                self.action(
                    index,
                    f"De uitvoerder schriftelijk om uitleg vragen over punt {number}",
                    "secretary",
                )
            )
            decisions.append(
                self.decision(index, f"Het projectteam spreekt de uitvoerder aan op punt {number}.")
            )
        if changes and self.rng.random() < 0.5:
            actions.append(
                self.action(index, "Voortgangsoverzicht bijwerken en rondsturen", "chair")
            )
        return self.item(
            index,
            "contract",
            "Voortgang buurtcontract",
            "team",
            "decision" if decisions else "discussion",
            minutes=20,
            notes=" ".join(sentences),
            decisions=decisions,
            actions=actions,
            points=sorted({p.json["number"] for p, _ in changes})[:20],
        )

    def evaluation_items(self, index: int) -> list[Json]:
        """The yearly evaluation: one item per theme of the contract in force."""
        rng = self.rng
        c = self.contract_of(self.held[index])
        if c is None:
            return []
        items = []
        for theme in THEMES:
            numbers = [p.json["number"] for p in self.points[c] if p.theme == theme]
            items.append(
                self.item(
                    index,
                    "contract",
                    f"Jaarevaluatie buurtcontract: {theme}",
                    "team",
                    "decision",
                    minutes=10,
                    notes=" ".join(rng.sample(EVALUATION_NOTES, 2)),
                    decisions=[
                        self.decision(
                            index,
                            f"Het team stelt de evaluatie van het thema {theme} vast.",
                            voted=True,
                        )
                    ],
                    actions=[
                        self.action(
                            index, f"Evaluatie {theme} opnemen in het jaarverslag", "secretary"
                        )
                    ],
                    points=numbers[:4],
                )
            )
        return items

    def year_items(self, index: int) -> list[Json]:
        year = self.held[index].year
        return [
            self.item(
                index,
                "topics",
                f"Jaarverslag projectteam {year}",
                "team",
                "decision",
                minutes=10,
                notes="De secretaris presenteert het concept-jaarverslag. Aanvullingen volgen "
                "per e-mail of op papier.",
                decisions=[self.decision(index, "Het jaarverslag wordt vastgesteld.", voted=True)],
            ),
            self.item(
                index,
                "topics",
                f"Vergaderschema {year + 1}",
                "team",
                "decision",
                minutes=5,
                notes="Het team blijft elke zes weken vergaderen, niet in de zomervakantie.",
                decisions=[self.decision(index, f"Het vergaderschema {year + 1} is vastgesteld.")],
            ),
        ]

    def budget_item(self, index: int, proposal: Json) -> Json:
        by = proposal["submitted_by"]
        requested = Decimal(proposal["amount_requested"])
        notes = f"{self.person[by].first_name} licht de aanvraag toe ({_euro(requested)})."
        status = proposal["status"]
        decision = proposal.get("decision", {})
        if status == "granted":
            granted = Decimal(decision["amount_granted"])
            text = f"De aanvraag wordt toegekend: {_euro(granted)} uit het buurtbudget."
            if granted < requested:
                text = (
                    f"De aanvraag wordt gedeeltelijk toegekend: {_euro(granted)} van de "
                    f"gevraagde {_euro(requested)}."
                )
        elif status == "rejected":
            text = "De aanvraag wordt afgewezen."
        elif status == "deferred":
            text = "De aanvraag wordt aangehouden."
        else:
            text = "De aanvraag is ingetrokken voordat het team erover besloot."
        if decision.get("reason"):
            notes += " " + decision["reason"]
        votes = decision.get("votes")
        actions = []
        if status == "granted":
            actions.append(
                self.action(
                    index,
                    "Opdracht geven en de facturen doorsturen naar de buurtcoördinator",
                    "by",
                    by,
                )
            )
        return self.item(
            index,
            "budget",
            f"Aanvraag buurtbudget: {proposal['title']}",
            "resident",
            "decision",
            by=by,
            minutes=10,
            notes=notes,
            decisions=[_compact({"id": self.next_id("d"), "text": text, "votes": votes})],
            actions=actions,
            proposals=[proposal["id"]],
        )

    def partner_item(self, index: int, spec: PartnerSpec, request: str) -> Json:
        decisions = [self.decision(index, spec.decision)] if spec.decision else []
        actions = []
        if spec.action:
            text, who = spec.action
            actions.append(self.action(index, text, who))
        return self.item(
            index,
            "requests",
            self.fill(spec.title),
            spec.source,
            "decision" if decisions else "discussion",
            request=request,
            minutes=15,
            notes=self.fill(spec.notes),
            decisions=decisions,
            actions=actions,
        )

    def any_other_business(self, index: int, present: list[str]) -> Json:
        rng = self.rng
        residents = [p for p in present if p in self.hood.residents]
        questions = rng.sample(ANY_OTHER_BUSINESS[:-2], rng.randint(0, 2)) if residents else []
        notes = " ".join(
            self.fill(q.replace("{name}", self.person[rng.choice(residents)].first_name))
            for q in questions
        )
        actions = []
        if questions and rng.random() < 0.4:
            actions.append(self.action(index, "Vraag uit de rondvraag uitzoeken", "chair"))
        return self.item(
            index,
            "any_other_business",
            "Rondvraag",
            "team",
            "information",
            minutes=10,
            notes=notes or rng.choice(ANY_OTHER_BUSINESS[-2:]),
            actions=actions,
        )

    # -- buurtkwesties ------------------------------------------------------------------------

    def issue(
        self, index: int, spec: TopicSpec, title: str, by: str, street: str, request: str | None
    ) -> str:
        rng = self.rng
        day = self.held[index]
        issue_id = f"k-{self.next_id('k').split('-')[1].zfill(3)}"
        to_corporation = any(who == "corporatie" for _, who in spec.actions)
        to = self.hood.corporation if to_corporation else f"Gemeente {MUNICIPALITY}"
        steps = [
            {
                "date": day.isoformat(),
                "kind": "meeting",
                "text": "Besproken in het projectteam; besloten tot een brief",
            },
            {
                "date": min(day + dt.timedelta(days=rng.randint(1, 5)), self.today).isoformat(),
                "kind": "letter_sent",
                "text": self.fill(spec.letter or title, street, by),
                "to": to,
            },
        ]
        moment = day + dt.timedelta(days=5)
        resolved = False
        for _ in range(rng.randint(1, 6)):
            moment += dt.timedelta(days=rng.randint(14, 50))
            kind = rng.choices(
                ("reply_received", "reminder", "meeting", "note"), weights=(30, 25, 25, 20)
            )[0]
            if kind == "meeting":  # talked about at the team's next meeting
                moment = next((d for d in self.held if d >= moment), moment)
            if moment > self.today:
                break
            text = {
                "reply_received": rng.choice(ISSUE_REPLIES),
                "reminder": "Herinnering verstuurd: nog geen antwoord op onze brief",
                "meeting": "Opnieuw besproken in het projectteam",
                "note": rng.choice(ISSUE_NOTES),
            }[kind]
            steps.append(
                _compact(
                    {
                        "date": moment.isoformat(),
                        "kind": kind,
                        "text": text,
                        "to": to if kind == "reminder" else None,
                    }
                )
            )
            if kind == "note" and text.startswith("Opgelost"):
                resolved = True
                break
        old = (self.today - day).days > 365
        status = (
            "resolved"
            if resolved
            else (rng.choice(("resolved", "closed_unresolved")) if old else "open")
        )
        self.issues.append(
            {
                "id": issue_id,
                "title": title,
                "description": " ".join(self.fill(s, street, by) for s in spec.notes[:2]),
                "raised_on": (day - dt.timedelta(days=rng.randint(3, 20))).isoformat(),
                "raised_by": by,
                "party": "corporatie" if to_corporation else "gemeente",
                "status": status,
                "steps": steps,
            }
        )
        return issue_id
