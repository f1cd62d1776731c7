"""The demo neighbourhood: an invented wijk with a year and a half of history behind it.

`demo_exchange(today)` returns an exchange-format v1 document (the dict `json.load` of an
exchange file gives) for De Vlinderbuurt in the invented municipality Waalhaven. Everything
is placed relative to `today`: fourteen six-weekly meetings held up to a week or two ago, two
planned ones after it, and a buurtcontract that started just before the first meeting. The
same `today` always gives the same document: chance comes from a fixed seed, never the clock.

The tables at the top hold the content; the functions below only date it, number it and
link it. The content is Dutch because it is what a newcomer reads on screen and on paper.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from buurtteam.domain.money import format_exchange_money

Json = dict[str, Any]

SEED = 20_270_112
HELD_MEETINGS = 14
PLANNED_MEETINGS = 2
INTERVAL = dt.timedelta(days=42)
TUESDAY = 1
STARTS_AT = "19:30"
CONTRACT_MONTHS = 30
BUDGET_PER_YEAR = Decimal("25000.00")
CARRY_OVER = Decimal("1250.00")  # recorded in the second budget year

NEIGHBOURHOOD = "De Vlinderbuurt"
MUNICIPALITY = "Waalhaven"
LOCATION = "Buurthuis De Rups, Koolwitjelaan 12"
CHAIR = "p-marieke"
SECRETARY = "p-zoe"
STAND_IN_SECRETARIES = ("p-agnieszka", "p-nadia")

# -- who ------------------------------------------------------------------------------------

PARTIES: tuple[tuple[str, str, str], ...] = (
    ("gemeente", "Gemeente Waalhaven", "municipality"),
    ("politie", "Politie Waalhaven-Noord, wijkagent", "police"),
    ("corporatie", "Woonstichting Rivierzicht", "housing_corporation"),
    ("welzijn", "Welzijn Waalhaven (Stichting De Brug)", "welfare"),
    ("bewoners", "Bewoners en projectteam Vlinderbuurt", "residents"),
    ("raad", "Gemeenteraad Waalhaven", "council"),
)


@dataclass(frozen=True)
class PersonSpec:
    id: str
    name: str
    roles: tuple[str, ...]
    email: str | None = None
    phone: str | None = None
    party: str | None = None

    @property
    def first_name(self) -> str:
        return self.name.split()[0]

    @property
    def votes(self) -> bool:
        """Residents and the opbouwwerker vote; the chair and partners advise."""
        return bool({"resident", "community_worker"} & set(self.roles))


# Privacy: only some people gave an e-mail address or phone number.
PEOPLE: tuple[PersonSpec, ...] = (
    PersonSpec(
        "p-marieke",
        "Marieke van der Linden",
        ("chair",),
        email="m.vanderlinden@example.org",
        party="gemeente",
    ),
    PersonSpec(
        "p-nadia",
        "Nadia Bouazza",
        ("community_worker",),
        email="n.bouazza@example.org",
        phone="06-12345678",
        party="welzijn",
    ),
    PersonSpec(
        "p-zoe", "Zoë Hoekstra", ("resident", "secretary"), email="zoe.hoekstra@example.org"
    ),
    PersonSpec("p-sukru", "Şükrü Yıldırım", ("resident",), phone="06-87654321"),
    PersonSpec("p-errol", "Errol Doelwijt", ("resident",)),
    PersonSpec(
        "p-agnieszka", "Agnieszka Wróblewska", ("resident",), email="agnieszka.w@example.org"
    ),
    PersonSpec("p-gerrit", "Gerrit de Wit", ("resident",)),
    PersonSpec("p-bart", "Bart Verschuren", ("partner",), party="politie"),
)
PERSON = {person.id: person for person in PEOPLE}

SIGNATURES: tuple[tuple[str, int, str], ...] = (  # party, days before the start, signed by
    ("gemeente", 16, "wethouder Wijken en Leefbaarheid"),
    ("politie", 16, "teamchef Waalhaven-Noord"),
    ("corporatie", 13, "directeur-bestuurder"),
    ("welzijn", 9, "directeur Stichting De Brug"),
)

# -- the contract ---------------------------------------------------------------------------

STREETS = (  # all take "de", as the titles say "in de {straat}"
    "Citroenvlinderstraat",
    "Atalantastraat",
    "Dagpauwoogstraat",
    "Koolwitjelaan",
    "Kleine Vosstraat",
    "Oranjetipstraat",
    "Zandoogjestraat",
    "Boomblauwtjestraat",
    "Gehakkeldaarsstraat",
    "Rouwmantelstraat",
    "Argusvlinderlaan",
)


@dataclass(frozen=True)
class PointSpec:
    """A contract point; `{straat}` in the title is filled with one of STREETS."""

    title: str
    party: str
    key: str | None = None  # how meetings and issues refer to it
    description: str | None = None


THEMES: dict[str, tuple[PointSpec, ...]] = {
    "bewonersparticipatie": (
        PointSpec("Bewonersavond over de uitkomsten van het buurtonderzoek", "welzijn"),
        PointSpec("Twee keer per jaar een buurtkrant in de bus, ook op papier", "bewoners"),
        PointSpec("Wekelijks spreekuur van de opbouwwerker in Buurthuis De Rups", "welzijn"),
        PointSpec("Nieuwe leden werven voor het projectteam", "bewoners"),
        PointSpec("Straatcontactpersonen in de {straat}", "bewoners"),
        PointSpec("Jaarlijks buurtfeest op het Zandoogjeplein", "bewoners", key="buurtfeest"),
        PointSpec(
            "Uitnodigingen voor bewonersavonden ook in het Turks, Arabisch en Pools", "welzijn"
        ),
        PointSpec("Gemeente beantwoordt brieven van het projectteam binnen zes weken", "gemeente"),
        PointSpec(
            "Bewoners vooraf betrekken bij de herinrichting van de Koolwitjelaan", "gemeente"
        ),
        PointSpec("Cursus vergaderen en onderhandelen voor bewoners", "welzijn"),
    ),
    "schoon": (
        PointSpec(
            "Extra afvalbakken met hondenpoepzakjes langs de {straat}", "gemeente", key="hondenpoep"
        ),
        PointSpec("Hondenuitlaatzone in het Vlinderpark afbakenen", "gemeente"),
        PointSpec("Handhaving van de aanlijn- en opruimplicht in het Vlinderpark", "gemeente"),
        PointSpec("Afspraken met manege De Hoefslag over paardenpoep op het ruiterpad", "gemeente"),
        PointSpec("Paardenpoep op de {straat}: borden en controle", "gemeente"),
        PointSpec(
            "Maandelijkse zwerfafvalronde met bewoners en basisschool De Vlindertuin", "bewoners"
        ),
        PointSpec(
            "Afvalbakken bij Winkelcentrum De Cocon vaker legen", "gemeente", key="zwerfafval"
        ),
        PointSpec(
            "Bijplaatsingen bij de ondergrondse containers in de {straat} aanpakken", "gemeente"
        ),
        PointSpec(
            "Portieken en galerijen van de flats aan de {straat} wekelijks schoonmaken",
            "corporatie",
        ),
        PointSpec("Grofvuil: vaste ophaaldag en informatie in vier talen", "gemeente"),
        PointSpec("Fietswrakken rond het winkelcentrum opruimen", "gemeente"),
        PointSpec(
            "Graffiti binnen 48 uur verwijderen van de gevels van de corporatie", "corporatie"
        ),
        PointSpec("Schoonmaakactie in de onderdoorgang onder de Parelmoervlinderweg", "bewoners"),
        PointSpec("Veegroute uitbreiden met de achterpaden van de {straat}", "gemeente"),
    ),
    "verkeersveiligheid": (
        PointSpec("Veilige oversteekplaats bij basisschool De Vlindertuin", "gemeente"),
        PointSpec("Snelheidscontroles op de Parelmoervlinderweg", "politie", key="snelheid"),
        PointSpec(
            "Eenrichtingsverkeer in de {straat}",
            "raad",
            description="Besluit van de gemeenteraad; het projectteam levert de argumenten "
            "van de bewoners aan.",
        ),
        PointSpec("De hele wijk een 30 km-zone", "raad"),
        PointSpec(
            "Hekje tegen fietsen op het trottoir bij de {straat}",
            "bewoners",
            description="Kan het projectteam zelf regelen, samen met de gemeente.",
        ),
        PointSpec("Verkeersdrempels in de {straat}", "gemeente"),
        PointSpec("Kiss-and-ride-strook bij de school", "gemeente"),
        PointSpec("Foutparkeren op de stoep bij het winkelcentrum aanpakken", "politie"),
        PointSpec(
            "Schoolzone met borden en belijning rond De Vlindertuin", "gemeente", key="school"
        ),
        PointSpec("Verkeersbrigadiers werven voor de ochtendspits", "bewoners"),
        PointSpec(
            "Verlaagde stoepranden voor rollators en kinderwagens in de {straat}", "gemeente"
        ),
        PointSpec(
            "Veilige oversteekplaats bij de bushalte Atalantastraat", "gemeente", key="oversteek"
        ),
        PointSpec("Vrachtverkeer naar het winkelcentrum alleen voor 11.00 uur", "raad"),
    ),
    "spelen": (
        PointSpec(
            "Doeltje terug op het pannaveldje aan het Citroenvlinderplein",
            "gemeente",
            key="doeltje",
            description="Weggehaald zonder overleg met de bewoners die de speelplekken beheren.",
        ),
        PointSpec("Speeltuin Zandoogjeplein: nieuwe valondergrond", "gemeente"),
        PointSpec("Bewoners beheren de speelplekken samen met de gemeente", "bewoners"),
        PointSpec("Vooraf overleg met de speelplekbeheerders bij elke wijziging", "gemeente"),
        PointSpec("Speeltoestel voor peuters op het Zandoogjeplein", "gemeente", key="peuter"),
        PointSpec("Jaarlijkse keuring van alle speeltoestellen", "gemeente"),
        PointSpec("Trapveldje achter de {straat} weer bespeelbaar maken", "gemeente"),
        PointSpec("Buitenspeeldag organiseren", "welzijn"),
        PointSpec("Schoolplein van De Vlindertuin na schooltijd open", "gemeente"),
        PointSpec("Natuurspeelplek in het Vlinderpark", "gemeente"),
        PointSpec("Zandbak op het Zandoogjeplein met een afdeknet tegen katten", "bewoners"),
    ),
    "veiligheid": (
        PointSpec(
            "Controle op naleving van de overlastgrens van 21.00 uur bij Winkelcentrum De Cocon",
            "politie",
            key="overlast",
            description="Afgesproken is dat hangen en lawaai om 21.00 uur stoppen en dat "
            "daarop wordt gecontroleerd.",
        ),
        PointSpec(
            "Straatverlichting in de Gehakkeldaarsstraat en het Distelvlinderpad op orde",
            "gemeente",
            key="verlichting",
        ),
        PointSpec("Bosschages snoeien bij de galerijflats aan de {straat}", "corporatie"),
        PointSpec("Verlichting in de bergingsgangen van de flats aan de {straat}", "corporatie"),
        PointSpec("Maandelijks spreekuur van de wijkagent in het buurthuis", "politie"),
        PointSpec("Buurtpreventie-app voor de {straat}", "bewoners"),
        PointSpec("Vaker surveilleren bij de hangplek in de onderdoorgang", "politie"),
        PointSpec("Voorlichtingsavond over inbraakpreventie", "politie"),
        PointSpec("Donkere route van de bushalte naar de {straat} beter verlichten", "gemeente"),
        PointSpec("Cameratoezicht bij het winkelcentrum evalueren", "raad"),
        PointSpec("Sloten en deuren van de portieken aan de {straat} vervangen", "corporatie"),
        PointSpec(
            "Scooters van het fietspad langs het Vlinderpark weren", "politie", key="scooters"
        ),
        PointSpec("Brandgangen achter de {straat} afsluiten met een hek", "corporatie"),
    ),
    "groen": (
        PointSpec(
            "Geveltuintjes in de Atalantastraat en de Oranjetipstraat", "bewoners", key="geveltuin"
        ),
        PointSpec("Bloemrijke bermen met inheemse planten in het Vlinderpark", "gemeente"),
        PointSpec("Dode bomen in de {straat} vervangen", "gemeente"),
        PointSpec("Beter groenonderhoud op de binnenterreinen van de corporatie", "corporatie"),
        PointSpec("Buurtmoestuin op het braakliggende terrein aan de Dagpauwoogstraat", "bewoners"),
        PointSpec("Boomspiegels laten adopteren door bewoners", "bewoners"),
        PointSpec("Overhangende takken boven het fietspad snoeien", "gemeente"),
        PointSpec("Meer bankjes in het Vlinderpark", "gemeente"),
        PointSpec("Tegels eruit, groen erin: actie met de tegelwipper", "gemeente"),
        PointSpec("Bladkorven in de herfst in de {straat}", "gemeente"),
    ),
    "jongeren": (
        PointSpec("Jongerenwerker twee avonden per week op straat", "welzijn"),
        PointSpec("Jongerenraad Vlinderbuurt opzetten", "welzijn"),
        PointSpec(
            "Ontmoetingsplek voor jongeren, in overleg met omwonenden", "gemeente", key="jop"
        ),
        PointSpec("Voetbaltoernooi in de zomervakantie", "welzijn"),
        PointSpec("Huiswerkbegeleiding in het buurthuis", "welzijn"),
        PointSpec(
            "Gesprek tussen jongeren en wijkagent over overlast bij het winkelcentrum", "politie"
        ),
        PointSpec("Klussenbank: jongeren helpen ouderen in de tuin", "welzijn"),
        PointSpec("Sporthal 's avonds langer open", "gemeente"),
    ),
    "ouderen": (
        PointSpec("Wekelijkse koffieochtend voor ouderen in het buurthuis", "welzijn"),
        PointSpec("Hellingbaan bij de ingang van de aanleunwoningen aan de {straat}", "corporatie"),
        PointSpec("Boodschappenhulp en vervoer naar de markt", "welzijn"),
        PointSpec("Bankjes met armleuningen op de looproute naar het winkelcentrum", "gemeente"),
        PointSpec("Huisbezoeken bij 75-plussers", "welzijn", key="huisbezoek"),
        PointSpec("Lift van de seniorenflat binnen 24 uur gerepareerd", "corporatie", key="lift"),
        PointSpec("Digicafé: hulp bij de computer en DigiD", "welzijn"),
    ),
}

# History notes per status; "*" when the owning party does not matter.
POINT_NOTES: dict[str, dict[str, tuple[str, ...]]] = {
    "in_progress": {
        "gemeente": (
            "Offertes aangevraagd.",
            "Opdracht verstrekt aan de aannemer.",
            "Locaties samen met bewoners bepaald.",
            "Budget vrijgemaakt; uitvoering ingepland.",
        ),
        "corporatie": (
            "Opgenomen in het onderhoudsplan van de corporatie.",
            "Opdracht verstrekt aan de aannemer.",
            "De wijkconsulent inventariseert samen met de huurders.",
        ),
        "politie": (
            "Opgenomen in de planning van het basisteam.",
            "De wijkagent is ermee aan de slag.",
            "Eerste controles uitgevoerd.",
        ),
        "welzijn": (
            "De opbouwwerker heeft de eerste bijeenkomst georganiseerd.",
            "Vrijwilligers gevonden; de opzet staat.",
            "Gestart; eerste overleg met de bewoners gevoerd.",
        ),
        "bewoners": (
            "Werkgroep van bewoners is begonnen.",
            "Gestart; eerste overleg met de bewoners gevoerd.",
            "Vrijwilligers gevonden; de opzet staat.",
        ),
        "raad": (
            "Geagendeerd in de raadscommissie.",
            "Raadsvoorstel in voorbereiding; het projectteam heeft ingesproken.",
        ),
    },
    "done": {
        "*": (
            "Afgerond.",
            "Uitgevoerd en door bewoners gecontroleerd.",
            "Klaar; de bewoners zijn tevreden.",
            "Gerealiseerd; blijft een punt van aandacht.",
            "Afgerond en geëvalueerd in het projectteam.",
        ),
        "raad": ("De gemeenteraad heeft ingestemd.",),
    },
    "delayed": {
        "gemeente": (
            "Vertraagd door personeelstekort; nieuwe datum afgesproken.",
            "Wacht op een vergunning.",
            "De aanbesteding duurt langer dan gepland.",
            "De levering loopt vertraging op.",
        ),
        "corporatie": (
            "Uitgesteld tot de renovatie van de flats.",
            "De aannemer heeft geen capaciteit; nieuwe datum afgesproken.",
            "De levering loopt vertraging op.",
        ),
        "politie": (
            "Door personeelstekort nog niet opgepakt; nieuwe datum afgesproken.",
            "Andere prioriteiten in het basisteam; uitstel gevraagd.",
        ),
        "welzijn": (
            "Nog geen vrijwilligers gevonden; nieuwe datum afgesproken.",
            "Vertraagd door ziekte van een medewerker.",
        ),
        "*": (
            "Te weinig vrijwilligers; de werkgroep vraagt uitstel.",
            "Eerst afstemming met de andere partijen nodig.",
        ),
    },
    "not_kept": {
        "*": (
            "Afspraak niet nagekomen; het projectteam vraagt om uitleg.",
            "Niet uitgevoerd ondanks herhaalde toezeggingen.",
            "De partij geeft er geen prioriteit aan; afspraak niet nagekomen.",
        ),
    },
    "dropped": {
        "*": (
            "Vervallen: opgelost via een ander contractpunt.",
            "Vervallen na overleg; de bewoners zien er geen noodzaak meer in.",
            "Vervallen: past niet meer bij de plannen voor de wijk.",
        ),
        "raad": ("Vervallen: de gemeenteraad heeft anders besloten.",),
    },
}


@dataclass(frozen=True)
class Entry:
    """A planned history entry: at held meeting `meeting`, the point gets `status`."""

    meeting: int
    status: str
    note: str = ""  # filled in to suit the owning party
    due: dt.date | None = None  # a slip: the new due date


@dataclass(frozen=True)
class Script:
    """A fixed story for a point the meetings and issues talk about."""

    due_months: int  # the original due date: the end of this month of the contract
    entries: tuple[tuple[int, str, str, int | None], ...]  # meeting, status, note, slip days


SCRIPTS: dict[str, Script] = {
    "buurtfeest": Script(
        4,
        (
            (0, "in_progress", "Werkgroep buurtfeest opgericht; aanvraag buurtbudget volgt.", None),
            (5, "done", "Buurtfeest gehouden met ruim driehonderd bezoekers.", None),
        ),
    ),
    "geveltuin": Script(
        12,
        (
            (4, "in_progress", "Bewoners plannen met de gemeente een tegelwipactie.", None),
            (7, "done", "35 geveltuintjes aangelegd; de rest volgt na de evaluatie.", None),
        ),
    ),
    "doeltje": Script(
        2,
        (
            (
                2,
                "not_kept",
                "Doel weggehaald zonder overleg met de speelplekbeheerders; brief naar "
                "de gemeente.",
                None,
            ),
            (5, "done", "Nieuw doel geplaatst; de gemeente overlegt voortaan vooraf.", None),
        ),
    ),
    "overlast": Script(
        3,
        (
            (1, "in_progress", "Wijkagent zegt extra controles na 21.00 uur toe.", None),
            (4, "delayed", "Nog geen controles uitgevoerd; brief aan het college gestuurd.", 120),
            (
                10,
                "not_kept",
                "Ondanks toezeggingen nauwelijks controles; tweede brief aan het college.",
                None,
            ),
        ),
    ),
    "peuter": Script(
        9,
        (
            (
                2,
                "in_progress",
                "Gemeente heeft geen geld in het speelruimteplan; bewoners vragen buurtbudget aan.",
                None,
            ),
            (6, "done", "Geplaatst, betaald uit het buurtbudget.", None),
        ),
    ),
}

# -- the meetings ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Act:
    """An action: `owner` is a person id (`p-...`) or a party id."""

    text: str
    owner: str
    days: int = 28  # due this many days after the meeting
    stays_open: bool = False


@dataclass(frozen=True)
class Topic:
    """A discussion item; residents' and the opbouwwerker's come in as agenda requests."""

    meeting: int
    title: str
    source: str
    by: str | None
    notes: str
    decision: str | None = None
    voted: bool = False
    action: Act | None = None
    idea: str | None = None
    points: tuple[str, ...] = ()
    issue: str | None = None
    raises_issue: bool = False
    also_present: tuple[str, ...] = ()
    minutes: int = 20


TOPICS: tuple[Topic, ...] = (
    Topic(
        0,
        "Hondenpoep op het grasveld aan de Oranjetipstraat",
        "resident",
        "p-gerrit",
        "Gerrit meldt dat het grasveld waar kinderen spelen vol hondenpoep ligt. De gemeente "
        "wijst op de nieuwe afvalbakken; bewoners vragen ook om handhaving.",
        action=Act("Handhaving vragen om extra te controleren op het grasveld", "gemeente"),
        points=("hondenpoep",),
    ),
    Topic(
        0,
        "Buurtfeest: wie doet mee?",
        "community_worker",
        "p-nadia",
        "Nadia stelt voor het buurtfeest samen met de school en de moskee te organiseren. "
        "Er melden zich zes vrijwilligers.",
        decision="Het buurtfeest wordt gehouden op het Zandoogjeplein; de werkgroep dient een "
        "aanvraag in voor het buurtbudget.",
        idea="Een kraam met gerechten uit alle landen die in de buurt wonen",
        points=("buurtfeest",),
    ),
    Topic(
        1,
        "Te hard rijden op de Parelmoervlinderweg",
        "resident",
        "p-sukru",
        "Vooral 's avonds wordt er veel te hard gereden, ook door scooters. De wijkagent zegt "
        "snelheidscontroles toe en koppelt de resultaten terug.",
        action=Act("Snelheidscontrole plannen en de uitkomst terugmelden", "p-bart", 35),
        points=("snelheid",),
        also_present=("p-bart",),
    ),
    Topic(
        2,
        "Doel weggehaald van het pannaveldje",
        "resident",
        "p-errol",
        "Het doel op het pannaveldje aan het Citroenvlinderplein is weggehaald zonder overleg "
        "met de bewoners die de speelplekken beheren. Dat staat nota bene in het buurtcontract.",
        decision="Het projectteam vraagt de gemeente per brief het doel terug te plaatsen.",
        action=Act("Brief over het weggehaalde doel versturen", "p-zoe", 7),
        points=("doeltje",),
        issue="k-doeltje",
        raises_issue=True,
    ),
    Topic(
        2,
        "Zwerfafval rond Winkelcentrum De Cocon",
        "resident",
        "p-agnieszka",
        "Rond de ingang van het winkelcentrum ligt veel zwerfafval. De afvalbakken zitten "
        "aan het eind van de week al vol.",
        action=Act(
            "Met de winkeliersvereniging afspreken wie de bakken bij de ingang leegt", "p-marieke"
        ),
        points=("zwerfafval",),
    ),
    Topic(
        2,
        "Speeltoestel voor de allerkleinsten",
        "resident",
        "p-zoe",
        "In het speelruimteplan is geen geld voor een peutertoestel. Bewoners vinden dat een "
        "taak van de gemeente, maar willen niet nog jaren wachten.",
        decision="Het team vraagt de gemeente schriftelijk waarom het toestel niet in het "
        "speelruimteplan past; intussen bereidt Zoë een aanvraag voor het buurtbudget "
        "voor.",
        voted=True,
        points=("peuter",),
    ),
    Topic(
        3,
        "Overlast na 21.00 uur bij Winkelcentrum De Cocon",
        "resident",
        "p-sukru",
        "Afgesproken is dat de overlast om 21.00 uur stopt, maar niemand controleert dat. "
        "Omwonenden hebben last tot na middernacht.",
        decision="Het projectteam schrijft het college een brief over het uitblijven van "
        "handhaving.",
        voted=True,
        action=Act("Brief aan het college over de handhaving van de 21.00-uurgrens", "p-zoe", 7),
        points=("overlast",),
        issue="k-overlast",
        raises_issue=True,
        minutes=25,
    ),
    Topic(
        3,
        "Doel pannaveldje: antwoord van de gemeente",
        "team",
        None,
        "De gemeente schrijft dat het doel kapot was en om veiligheidsredenen is weggehaald. "
        "De gebiedsbeheerder zegt een nieuw doel toe en belooft voortaan vooraf te overleggen.",
        action=Act("Controleren of het nieuwe doel er staat", "p-errol", 42),
        points=("doeltje",),
        issue="k-doeltje",
        minutes=15,
    ),
    Topic(
        4,
        "Donkere achterpaden in de Dagpauwoogstraat",
        "resident",
        "p-errol",
        "Bewoners voelen zich 's avonds onveilig op de achterpaden. De corporatie bekijkt of "
        "er lampen aan de schuttingen kunnen.",
        action=Act("Lichtplan voor de achterpaden voorleggen aan de bewoners", "corporatie", 42),
    ),
    Topic(
        4,
        "Tegels eruit, groen erin",
        "resident",
        "p-agnieszka",
        "Agnieszka wil met de buren geveltuintjes aanleggen in de Atalantastraat. Een "
        "tegelwipactie kan samen met de gemeente.",
        idea="Een wedstrijd voor de mooiste geveltuin",
        points=("geveltuin",),
    ),
    Topic(
        5,
        "Eenzaamheid onder ouderen in de seniorenflat",
        "community_worker",
        "p-nadia",
        "Nadia ziet dat steeds meer ouderen in de seniorenflat weinig bezoek krijgen. De "
        "koffieochtend trekt vooral mensen die al actief zijn.",
        action=Act("Lijst maken van bewoners die een huisbezoek op prijs stellen", "p-nadia", 42),
        idea="Een belboom voor de seniorenflat",
        points=("huisbezoek",),
    ),
    Topic(
        5,
        "Terugblik op het buurtfeest",
        "team",
        None,
        "Ruim driehonderd bezoekers en veel nieuwe gezichten. De werkgroep is binnen het "
        "budget gebleven.",
        decision="Het buurtfeest wordt volgend jaar herhaald.",
        voted=True,
        points=("buurtfeest",),
        minutes=10,
    ),
    Topic(
        6,
        "Nieuwe bewoners welkom heten",
        "resident",
        "p-sukru",
        "In de gerenoveerde woningen komen veel nieuwe gezinnen wonen. Şükrü stelt voor ze "
        "persoonlijk welkom te heten.",
        action=Act("Tekst schrijven voor een welkomstfolder", "p-zoe", 35),
        idea="Een welkomstpakket met informatie in meerdere talen",
    ),
    Topic(
        6,
        "Scooters op het fietspad langs het Vlinderpark",
        "resident",
        "p-gerrit",
        "Scooters rijden hard over het fietspad en wandelaars schrikken. De wijkagent kent "
        "het probleem.",
        action=Act(
            "Controleren op het fietspad langs het Vlinderpark", "politie", 42, stays_open=True
        ),
        points=("scooters",),
    ),
    Topic(
        7,
        "Jongeren zoeken een eigen plek",
        "community_worker",
        "p-nadia",
        "Jongeren hangen bij de onderdoorgang omdat ze nergens anders terechtkunnen. Een "
        "jongerenwerker van Stichting De Brug is te gast.",
        decision="Het team steunt een gesprek tussen jongeren, omwonenden en de gemeente over "
        "een ontmoetingsplek.",
        voted=True,
        action=Act("Gesprek organiseren met jongeren en omwonenden", "welzijn", 56),
        points=("jop",),
    ),
    Topic(
        7,
        "Verstopte putten in de Koolwitjelaan",
        "resident",
        "p-sukru",
        "Bij elke flinke regenbui staat de Koolwitjelaan blank. De putten zitten vol zand en "
        "bladeren.",
        action=Act("Putten laten reinigen en de straat opnemen in de veegroute", "gemeente"),
    ),
    Topic(
        8,
        "Overlast De Cocon: gesprek met de wijkagent",
        "team",
        None,
        "De wijkagent licht toe dat er door personeelstekort weinig avonddiensten zijn. Hij "
        "zegt twee controles per maand na 21.00 uur toe. Bewoners houden bij wanneer er "
        "overlast is.",
        action=Act("Overlastmeldingen van bewoners bijhouden en doorsturen", "p-sukru", 42),
        points=("overlast",),
        issue="k-overlast",
        also_present=("p-bart", "p-sukru"),
        minutes=30,
    ),
    Topic(
        8,
        "Parkeren op de stoep bij de school",
        "resident",
        "p-errol",
        "Bij het brengen en halen parkeren ouders op de stoep en op de oversteekplaats. "
        "Kinderen moeten de weg op.",
        action=Act("Samen met de school ouders aanspreken en een brief meegeven", "politie"),
        points=("school",),
    ),
    Topic(
        9,
        "Lift in de seniorenflat weer kapot",
        "resident",
        "p-gerrit",
        "De lift stond deze maand drie keer stil. Voor bewoners met een rollator betekent dat "
        "dagen binnen zitten.",
        action=Act("Storingsoverzicht van de lift sturen aan het projectteam", "corporatie"),
        points=("lift",),
    ),
    Topic(
        10,
        "Overlast De Cocon: nog steeds geen verbetering",
        "team",
        None,
        "Bewoners hebben drie maanden lang meldingen bijgehouden: bijna elk weekend overlast "
        "tot na middernacht. Van de toegezegde controles is weinig te zien.",
        decision="Het projectteam stuurt een tweede brief aan het college, met een kopie aan "
        "de gemeenteraad.",
        voted=True,
        action=Act("Tweede brief aan het college versturen", "p-zoe", 7),
        points=("overlast",),
        issue="k-overlast",
        minutes=25,
    ),
    Topic(
        11,
        "Kapotte straatverlichting in de Gehakkeldaarsstraat",
        "resident",
        "p-agnieszka",
        "Al weken branden vijf lantaarnpalen niet. Vooral ouderen durven 's avonds niet meer "
        "over straat.",
        action=Act("Storing melden en om een hersteldatum vragen", "p-marieke", 14),
        points=("verlichting",),
        issue="k-verlichting",
        raises_issue=True,
    ),
    Topic(
        11,
        "Meer bewoners in het projectteam",
        "community_worker",
        "p-nadia",
        "Het team is klein en vooral bewoners uit de flats ontbreken. Nadia wil een open "
        "avond organiseren.",
        action=Act("Open avond in het buurthuis organiseren", "p-nadia", 56),
        idea="Soep en brood erbij, en uitnodigingen in vier talen",
    ),
    Topic(
        12,
        "Oversteken bij de bushalte Atalantastraat",
        "resident",
        "p-agnieszka",
        "Bij de bushalte steken veel ouderen over op een plek zonder zebrapad. Geparkeerde "
        "busjes ontnemen het zicht.",
        action=Act("Een verkeerskundige laten kijken naar een oversteekplaats", "gemeente", 56),
        points=("oversteek",),
    ),
    Topic(
        12,
        "Straatverlichting: antwoord van de gemeente",
        "team",
        None,
        "De storing ligt bij de netbeheerder; herstel is binnen acht weken toegezegd. Bewoners "
        "houden bij welke lampen het weer doen.",
        points=("verlichting",),
        issue="k-verlichting",
        minutes=10,
    ),
    Topic(
        13,
        "Buurtmarkt in het buurthuis",
        "resident",
        "p-zoe",
        "Zoë stelt een buurtmarkt voor met kraampjes van bewoners, een ruilhoek en muziek. "
        "De aanvraag voor het buurtbudget staat bij het budget op de agenda.",
        idea="Een ruilhoek voor kinderkleding en speelgoed",
    ),
    Topic(
        13,
        "Geluidsoverlast van de bouwplaats aan de Gehakkeldaarsstraat",
        "resident",
        "p-errol",
        "De aannemer begint soms al om zes uur 's ochtends. Bewoners willen weten welke "
        "werktijden zijn afgesproken.",
        action=Act(
            "Afgesproken werktijden opvragen bij de gemeente", "p-marieke", 14, stays_open=True
        ),
    ),
)


@dataclass(frozen=True)
class PartnerRequest:
    """A request from the municipality or a partner: placed, declined, or deferred once.

    A deferred request is carried into the next meeting and placed there (pending when the
    next meeting is still planned); `notes` and the rest describe that discussion.
    """

    meeting: int
    title: str
    source: str
    by: str | None
    state: str
    notes: str = ""
    decision: str | None = None
    action: Act | None = None
    points: tuple[str, ...] = ()
    issue: str | None = None


PARTNER_REQUESTS: tuple[PartnerRequest, ...] = (
    PartnerRequest(
        0,
        "Toelichting op het nieuwe speelruimteplan",
        "municipality",
        None,
        "placed",
        "De gemeente licht het speelruimteplan toe. Bewoners missen het pannaveldje "
        "en een peutertoestel in de plannen.",
        action=Act("Reactie van het projectteam op het speelruimteplan sturen", "p-zoe", 21),
    ),
    PartnerRequest(
        1,
        "Cijfers woninginbraken en tips voor inbraakpreventie",
        "partner",
        "p-bart",
        "placed",
        "Het aantal inbraken in de wijk daalt, maar in de flats aan de "
        "Atalantastraat zijn kelderboxen opengebroken. De wijkagent deelt folders uit.",
    ),
    PartnerRequest(
        2,
        "Reactie gevraagd op het conceptparkeerbeleid",
        "municipality",
        None,
        "deferred",
        "Het team had het concept aangehouden om het eerst te kunnen lezen. Bewoners "
        "willen geen extra parkeerplaatsen ten koste van groen.",
        decision="Het projectteam stuurt een korte reactie: geen extra "
        "parkeerplaatsen ten koste van groen.",
    ),
    PartnerRequest(
        5,
        "Enquête over ondergrondse afvalcontainers",
        "municipality",
        None,
        "deferred",
        "De gemeente wil weten waar bewoners nieuwe containers willen. Het team wijst "
        "drie plekken aan en vraagt de enquête ook op papier te verspreiden.",
        action=Act("Papieren enquêtes verspreiden in de seniorenflat", "p-nadia"),
    ),
    PartnerRequest(7, "Campagne tegen fietsendiefstal", "partner", "p-bart", "declined"),
    PartnerRequest(
        8,
        "Plaatsing van laadpalen voor elektrische auto's",
        "municipality",
        None,
        "placed",
        "De gemeente wil twaalf laadpalen plaatsen. Bewoners vragen of daarvoor "
        "parkeerplaatsen verdwijnen.",
        decision="Het team reageert pas als de gemeente een kaart met de precieze "
        "plekken heeft gestuurd.",
    ),
    PartnerRequest(
        9,
        "Planning renovatie galerijflats Atalantastraat",
        "partner",
        None,
        "placed",
        "Woonstichting Rivierzicht licht de planning toe: de renovatie begint over "
        "een half jaar en duurt negen maanden. Bewoners krijgen een eigen "
        "aanspreekpunt.",
    ),
    PartnerRequest(
        10,
        "Resultaten van de controles bij Winkelcentrum De Cocon",
        "partner",
        "p-bart",
        "placed",
        "De wijkagent meldt twee controles en één boete. Bewoners herkennen dat beeld "
        "niet: de overlast gaat door.",
        points=("overlast",),
        issue="k-overlast",
    ),
    PartnerRequest(
        11,
        "Herinrichting Koolwitjelaan: voorlopig ontwerp",
        "municipality",
        None,
        "placed",
        "De projectleider laat het ontwerp zien: bredere stoepen, minder "
        "parkeerplaatsen en nieuwe bomen. Bewoners zijn positief, maar vrezen "
        "parkeerdruk in de zijstraten.",
        action=Act("Reactie op het voorlopig ontwerp sturen", "p-zoe", 21),
    ),
    PartnerRequest(
        13, "Reactie gevraagd op de Omgevingsvisie Waalhaven", "municipality", None, "deferred"
    ),
)

# Requests that came in after the last meeting, for the next one: (source, person, title,
# days after the last meeting). The municipality's deferred request is carried in beside them.
PENDING_REQUESTS: tuple[tuple[str, str, str, int], ...] = (
    ("resident", "p-errol", "Aanvraag buurtbudget: natuurspeelplek bij De Vlindertuin", 1),
    ("resident", "p-sukru", "Aanvraag buurtbudget: buurtmoestuin aan de Dagpauwoogstraat", 2),
    ("resident", "p-gerrit", "Hondenpoep in het Vlinderpark: het wordt weer erger", 3),
    ("community_worker", "p-nadia", "Terugkoppeling van de huisbezoeken bij 75-plussers", 4),
)

ANNOUNCEMENTS: dict[int, tuple[str, tuple[str, ...]]] = {  # meeting: notes, proposals
    0: (
        "Het buurtcontract is ondertekend door de gemeente, de politie, Woonstichting "
        "Rivierzicht en Stichting De Brug. Papieren exemplaren liggen in het buurthuis.",
        (),
    ),
    1: (
        "De buurtkrant verschijnt binnenkort; kopij graag naar Zoë. Het buurthuis zoekt "
        "vrijwilligers voor de bar.",
        (),
    ),
    4: (
        "Woonstichting Rivierzicht heeft een nieuwe wijkconsulent voor de Vlinderbuurt: "
        "Ingrid Mahabir.",
        (),
    ),
    5: (
        "De gemeente vervangt de lantaarnpalen in de stad door ledverlichting; de Vlinderbuurt "
        "is later aan de beurt.",
        (),
    ),
    7: ("Het team feliciteert Gerrit de Wit, die al dertig jaar actief is in de buurt.", ()),
    10: (
        "De aanvraag voor een buurtbus is ingetrokken: de regiotaxi blijkt voor de meeste "
        "ouderen goed te werken.",
        ("b-buurtbus",),
    ),
    12: (
        "Nadia is de komende weken met vakantie; vragen kunnen naar het algemene nummer van "
        "Stichting De Brug.",
        (),
    ),
}

# The minutes of this meeting get an erratum after they were approved.
ERRATUM = (
    4,
    6,
    "In het verslag staat bij de mededelingen ‘Ingrid Mahabir’; de naam van de "
    "nieuwe wijkconsulent is Ingrid Mahabier.",
)

GUESTS: dict[int, tuple[tuple[str, str | None], ...]] = {
    3: (("Ruud Hendriks", "Gemeente Waalhaven, gebiedsbeheerder"),),
    4: (("Ingrid Mahabier", "Woonstichting Rivierzicht, wijkconsulent"),),
    6: (("Fenna Kuipers", None),),
    7: (("Sandra Tjon A Fong", "Stichting De Brug, jongerenwerk"),),
    8: (("Priya Ramdin", "Gemeente Waalhaven, team Handhaving"),),
    11: (("Kees Lammers", "Gemeente Waalhaven, projectleider Koolwitjelaan"),),
}

# Questions at the rondvraag: who asks (must be present) and what the minutes say.
ANY_OTHER_BUSINESS: tuple[tuple[str | None, str], ...] = (
    (
        "p-gerrit",
        "Gerrit vraagt wanneer de bankjes in het Vlinderpark worden geschilderd. De "
        "voorzitter zoekt het uit.",
    ),
    ("p-errol", "Errol meldt dat de container bij de Oranjetipstraat al een week vol zit."),
    (
        "p-agnieszka",
        "Agnieszka vraagt of de agenda ook op papier in het buurthuis kan liggen. "
        "Dat wordt geregeld.",
    ),
    ("p-sukru", "Şükrü bedankt de vrijwilligers van de zwerfafvalronde."),
    ("p-zoe", "Zoë vraagt iedereen de actielijst voor de volgende vergadering door te lopen."),
    ("p-nadia", "Nadia meldt dat de huiswerkbegeleiding weer plaats heeft voor tien kinderen."),
    (
        "p-bart",
        "De wijkagent vraagt bewoners verdachte situaties altijd te melden via 112 of 0900-8844.",
    ),
    (
        "p-gerrit",
        "Gerrit vraagt of de losliggende stoeptegels voor de seniorenflat al gemeld "
        "zijn. De gemeente neemt het mee.",
    ),
    (
        "p-errol",
        "Errol stelt voor een keer te vergaderen in de flat aan de Atalantastraat, "
        "dichter bij de bewoners daar.",
    ),
    ("p-agnieszka", "Agnieszka meldt dat de lantaarnpaal bij de speeltuin knippert."),
    (
        "p-sukru",
        "Şükrü vraagt of het verslag ook in grote letters kan. Zoë print voortaan een "
        "versie met grote letters.",
    ),
    ("p-nadia", "Nadia nodigt iedereen uit voor de koffieochtend op donderdag."),
    (None, "Er zijn geen vragen; de voorzitter bedankt iedereen voor de inbreng."),
    (None, "Geen vragen."),
)

# -- the budget and the issues --------------------------------------------------------------


@dataclass(frozen=True)
class ProposalSpec:
    id: str
    title: str
    theme: str
    by: str
    requested: str
    status: str
    received: tuple[int, int]  # held meeting index and days after it (negative: before)
    meeting: int | None = None  # the held meeting that decided
    granted: str | None = None
    reason: str | None = None
    description: str | None = None
    not_regular_maintenance: bool = True
    payments: tuple[tuple[int, str, str], ...] = ()  # days after the decision, amount, reference


PROPOSALS: tuple[ProposalSpec, ...] = (
    ProposalSpec(
        "b-buurtfeest",
        "Buurtfeest op het Zandoogjeplein",
        "bewonersparticipatie",
        "p-agnieszka",
        "2750.00",
        "granted",
        (1, -19),
        meeting=1,
        granted="2750.00",
        description="Tenten, geluid, een springkussen en een kraam met gerechten uit "
        "alle landen van de buurt.",
        payments=(
            (12, "1500.00", "voorschot werkgroep buurtfeest"),
            (60, "1250.00", "factuur tenten en geluid, Verhuur De Feesttent"),
        ),
    ),
    ProposalSpec(
        "b-peutertoestel",
        "Speeltoestel voor peuters op het Zandoogjeplein",
        "spelen",
        "p-zoe",
        "6500.00",
        "granted",
        (3, -24),
        meeting=3,
        granted="6500.00",
        description="De gemeente rekent een peutertoestel niet tot het speelruimteplan; "
        "de buurt betaalt het daarom zelf.",
        payments=(
            (30, "3250.00", "factuur eerste termijn, Speelhuis Waalhaven"),
            (75, "3250.00", "factuur tweede termijn na plaatsing"),
        ),
    ),
    ProposalSpec(
        "b-stoep",
        "Stoeptegels herstellen in de Atalantastraat",
        "verkeersveiligheid",
        "p-gerrit",
        "1800.00",
        "rejected",
        (4, -15),
        meeting=4,
        reason="Regulier onderhoud: dit betaalt de gemeente uit haar eigen budget, niet "
        "uit het buurtbudget. Het team meldt de stoep bij de gemeente.",
        not_regular_maintenance=False,
    ),
    ProposalSpec(
        "b-geveltuinen",
        "Tegelwipactie en plantgoed voor 48 geveltuintjes",
        "groen",
        "p-agnieszka",
        "4800.00",
        "granted",
        (5, -20),
        meeting=5,
        granted="3500.00",
        reason="Gedeeltelijk toegekend: eerst 35 geveltuintjes, de rest na een "
        "evaluatie over een jaar.",
        payments=((14, "2000.00", "factuur tuincentrum De Groene Vlinder"),),
    ),
    ProposalSpec(
        "b-hondenveld",
        "Hek rond een hondenuitlaatveld in het Vlinderpark",
        "schoon",
        "p-gerrit",
        "1850.00",
        "granted",
        (6, -16),
        meeting=6,
        granted="1850.00",
        payments=((40, "1850.00", "factuur Van Dijk Hekwerken"),),
    ),
    ProposalSpec(
        "b-vuurwerk",
        "Vuurwerkshow bij de jaarwisseling op het Zandoogjeplein",
        "bewonersparticipatie",
        "p-errol",
        "3900.00",
        "rejected",
        (7, -25),
        meeting=7,
        reason="Past niet bij het doel van het buurtbudget, en een vergunning voor het "
        "plein is niet haalbaar.",
    ),
    ProposalSpec(
        "b-voetbaltoernooi",
        "Voetbaltoernooi voor jongeren op het trapveld",
        "jongeren",
        "p-sukru",
        "1200.00",
        "granted",
        (8, -18),
        meeting=8,
        granted="1200.00",
        payments=((35, "1200.00", "bekers, shirts en catering, declaratie De Brug"),),
    ),
    ProposalSpec(
        "b-muurschildering",
        "Muurschildering door jongeren in de onderdoorgang onder de Parelmoervlinderweg",
        "jongeren",
        "p-errol",
        "5200.00",
        "deferred",
        (9, -22),
        meeting=9,
        reason="Aangehouden tot Woonstichting Rivierzicht toestemming geeft voor het "
        "gebruik van de muur.",
    ),
    ProposalSpec(
        "b-buurtbus",
        "Buurtbus voor ouderen naar de markt",
        "ouderen",
        "p-gerrit",
        "4500.00",
        "withdrawn",
        (8, 20),
        description="Ingetrokken: de regiotaxi blijkt voor de meeste ouderen goed te werken.",
    ),
    ProposalSpec(
        "b-ontmoetingsmiddag",
        "Ontmoetingsmiddagen met high tea voor ouderen",
        "ouderen",
        "p-agnieszka",
        "950.00",
        "granted",
        (10, -14),
        meeting=10,
        granted="950.00",
        payments=(
            (21, "480.00", "boodschappen eerste middag"),
            (63, "470.00", "boodschappen tweede middag"),
        ),
    ),
    ProposalSpec(
        "b-bankjes",
        "Drie bankjes met armleuningen langs de looproute naar De Cocon",
        "ouderen",
        "p-gerrit",
        "2100.00",
        "granted",
        (12, -17),
        meeting=12,
        granted="2100.00",
        payments=((21, "1050.00", "aanbetaling, Buitenmeubilair Waalhaven"),),
    ),
    ProposalSpec(
        "b-buurtmarkt",
        "Buurtmarkt met ruilhoek in Buurthuis De Rups",
        "bewonersparticipatie",
        "p-zoe",
        "2400.00",
        "granted",
        (13, -9),
        meeting=13,
        granted="2400.00",
    ),
    ProposalSpec(
        "b-natuurspeelplek",
        "Natuurspeelplek bij basisschool De Vlindertuin",
        "spelen",
        "p-errol",
        "5800.00",
        "submitted",
        (13, -3),
        description="Boomstammen, een wilgenhut en een waterpomp. Te laat binnengekomen "
        "voor de vorige vergadering.",
    ),
    ProposalSpec(
        "b-moestuin",
        "Buurtmoestuin aan de Dagpauwoogstraat",
        "groen",
        "p-sukru",
        "3750.00",
        "submitted",
        (13, 2),
        description="Tien moestuinbakken, een regenton en gereedschap.",
    ),
)


@dataclass(frozen=True)
class IssueSpec:
    id: str
    title: str
    description: str
    raised_by: str
    party: str
    status: str
    steps: tuple[tuple[int, int, str, str, str | None], ...]  # meeting, days after, kind, text, to


COLLEGE = "College van burgemeester en wethouders"

ISSUES: tuple[IssueSpec, ...] = (
    IssueSpec(
        "k-overlast",
        "Overlast na 21.00 uur bij Winkelcentrum De Cocon",
        "De afgesproken grens van 21.00 uur wordt niet gehandhaafd; de overlast duurt vaak "
        "tot na middernacht.",
        "p-sukru",
        "gemeente",
        "open",
        (
            (
                3,
                0,
                "meeting",
                "Besproken in het projectteam; besloten tot een brief aan het college",
                None,
            ),
            (
                3,
                2,
                "letter_sent",
                "Brief over het uitblijven van handhaving van de 21.00-uurgrens",
                COLLEGE,
            ),
            (5, 5, "reminder", "Herinnering: nog geen antwoord op onze brief", COLLEGE),
            (
                6,
                10,
                "reply_received",
                "Het college schrijft dat handhaving prioriteit "
                "krijgt en vraagt de politie om extra controles",
                None,
            ),
            (
                8,
                0,
                "meeting",
                "Gesprek met de wijkagent in het projectteam; twee controles per maand toegezegd",
                None,
            ),
            (10, 0, "meeting", "Nog steeds overlast; het team besluit tot een tweede brief", None),
            (
                10,
                3,
                "letter_sent",
                "Tweede brief: de toegezegde controles blijven uit en de overlast gaat door",
                f"{COLLEGE}, kopie aan de gemeenteraad",
            ),
            (12, 4, "reminder", "Herinnering verstuurd; nog altijd geen antwoord", COLLEGE),
        ),
    ),
    IssueSpec(
        "k-doeltje",
        "Doel weggehaald van het pannaveldje aan het Citroenvlinderplein",
        "Het doel is zonder overleg met de bewoners die de speelplekken beheren weggehaald.",
        "p-errol",
        "gemeente",
        "resolved",
        (
            (2, 0, "meeting", "Besproken in het projectteam; brief aan de gemeente", None),
            (
                2,
                1,
                "letter_sent",
                "Brief: het doel is zonder overleg weggehaald; graag "
                "terugplaatsen en voortaan vooraf overleggen",
                "Gemeente Waalhaven, afdeling Buitenruimte",
            ),
            (
                2,
                23,
                "reply_received",
                "Het doel was beschadigd en is om "
                "veiligheidsredenen weggehaald; over vervanging is "
                "nog niet besloten",
                None,
            ),
            (
                3,
                0,
                "meeting",
                "Besproken met de gebiedsbeheerder; hij zegt een nieuw doel "
                "toe en belooft voortaan vooraf te overleggen",
                None,
            ),
            (4, 10, "note", "Nieuw doel geplaatst; de speelplekbeheerders zijn tevreden", None),
        ),
    ),
    IssueSpec(
        "k-verlichting",
        "Kapotte straatverlichting in de Gehakkeldaarsstraat",
        "Vijf lantaarnpalen branden al weken niet; ouderen durven 's avonds niet meer over straat.",
        "p-agnieszka",
        "gemeente",
        "open",
        (
            (
                11,
                0,
                "meeting",
                "Besproken in het projectteam; de buurtcoördinator meldt de storing",
                None,
            ),
            (
                11,
                2,
                "letter_sent",
                "Melding van vijf defecte lantaarnpalen met het verzoek om een hersteldatum",
                "Gemeente Waalhaven, team Openbare Verlichting",
            ),
            (
                11,
                20,
                "reply_received",
                "De storing ligt bij de netbeheerder; herstel binnen acht weken toegezegd",
                None,
            ),
            (
                12,
                0,
                "meeting",
                "Antwoord besproken; bewoners houden bij welke lampen het doen",
                None,
            ),
            (13, 2, "note", "Twee van de vijf lantaarnpalen branden weer", None),
        ),
    ),
)

DAYS_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
SOURCE_ORDER = {"resident": 0, "community_worker": 1, "team": 2}
FIRST_DROP = 2  # points are not dropped at the first meetings of a new contract
NEWSWORTHY = ("not_kept", "delayed", "done", "dropped", "in_progress")


def demo_exchange(today: dt.date) -> Json:
    """The demo neighbourhood as an exchange-format v1 document, dated around `today`.

    Meetings up to `today` are held (their minutes approved at the next one, except the last),
    the next two are planned; every other date lies on or before `today`.
    """
    if isinstance(today, dt.datetime):
        today = today.date()
    return _Demo(today).document()


# -- small helpers --------------------------------------------------------------------------


def _month_end(day: dt.date) -> dt.date:
    first_of_next = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first_of_next - dt.timedelta(days=1)


def _add_months(first_of_month: dt.date, months: int) -> dt.date:
    years, month = divmod(first_of_month.month - 1 + months, 12)
    return dt.date(first_of_month.year + years, month + 1, 1)


def _datum(day: dt.date, *, weekday: bool = False, year: bool = True) -> str:
    """A Dutch date in words, `dinsdag 12 maart 2026`, without depending on the UI language."""
    text = f"{day.day} {MONTHS_NL[day.month - 1]}"
    if year:
        text += f" {day.year}"
    return f"{DAYS_NL[day.weekday()]} {text}" if weekday else text


def _euro(amount: Decimal) -> str:
    """`€ 2.750,00`, the Dutch way, for text inside notes and decisions."""
    grouped = f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"€ {grouped}"


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def _clock(minutes_after_midnight: int) -> str:
    return f"{minutes_after_midnight // 60:02d}:{minutes_after_midnight % 60:02d}"


def _compact(record: Json) -> Json:
    """Leave out optional keys that have no value, as the example file does."""
    return {key: value for key, value in record.items() if value is not None}


def _votes(in_favour: int, against: int = 0, abstain: int = 0) -> Json:
    return {"for": in_favour, "against": against, "abstain": abstain}


def agenda_item(
    item_id: str,
    section: str,
    title: str,
    source: str,
    purpose: str,
    *,
    by: str | None = None,
    request: str | None = None,
    minutes: int | None = None,
    notes: str | None = None,
    decisions: list[Json] | None = None,
    actions: list[Json] | None = None,
    ideas: list[Json] | None = None,
    points: list[int] | None = None,
    proposals: list[str] | None = None,
    issues: list[str] | None = None,
) -> Json:
    """One agenda item as the exchange format writes it (shared by both demos)."""
    return _compact(
        {
            "id": item_id,
            "section": section,
            "title": title,
            "source": source,
            "submitted_by": by,
            "request": request,
            "minutes": minutes,
            "purpose": purpose,
            "notes": notes,
            "decisions": decisions or [],
            "actions": actions or [],
            "ideas": ideas or [],
            "contract_points": points or [],
            "proposals": proposals or [],
            "issues": issues or [],
        }
    )


class _Demo:
    """Builds the document in dependency order: schedule, contract, meetings, budget, issues."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.rng = random.Random(SEED)
        # The last held meeting is the Tuesday 7 to 13 days ago, so requests for the next
        # one have had time to come in and no meeting falls on `today` itself.
        last = today - dt.timedelta(days=7)
        last -= dt.timedelta(days=(last.weekday() - TUESDAY) % 7)
        first = last - (HELD_MEETINGS - 1) * INTERVAL
        self.dates = [first + i * INTERVAL for i in range(HELD_MEETINGS + PLANNED_MEETINGS)]
        self.held = self.dates[:HELD_MEETINGS]
        self.last = HELD_MEETINGS - 1
        self.meeting_ids = [f"m-{day.isoformat()}" for day in self.dates]
        self.starts_on = (first - dt.timedelta(days=10)).replace(day=1)
        self.ends_on = _add_months(self.starts_on, CONTRACT_MONTHS) - dt.timedelta(days=1)
        self.counters: dict[str, int] = {}
        self.point_numbers: dict[str, int] = {}
        self.points: list[Json] = []
        self.changes: dict[int, list[tuple[Json, Entry]]] = {}
        self.request_dates: dict[str, dt.date] = {}  # issue id: submitted_on of its request
        self.voters: dict[int, int] = {}  # held meeting: voters present
        self.proposal_votes: dict[str, Json] = {}
        self.actions: list[tuple[int, Json]] = []

    def next_id(self, prefix: str) -> str:
        self.counters[prefix] = self.counters.get(prefix, 0) + 1
        return f"{prefix}-{self.counters[prefix]}"

    def document(self) -> Json:
        contract = self.contract()
        meetings = self.meetings()
        proposals = self.proposals()
        return {
            "format": "buurtteam",
            "version": 1,
            "neighbourhoods": [
                {
                    "name": NEIGHBOURHOOD,
                    "municipality": MUNICIPALITY,
                    "parties": [
                        {"id": pid, "name": name, "kind": kind} for pid, name, kind in PARTIES
                    ],
                    "people": [self.person(person) for person in PEOPLE],
                    "contracts": [contract],
                    "meetings": meetings,
                    "budget_years": self.budget_years(),
                    "proposals": proposals,
                    "issues": [self.issue(spec) for spec in ISSUES],
                }
            ],
        }

    @staticmethod
    def person(spec: PersonSpec) -> Json:
        return _compact(
            {
                "id": spec.id,
                "name": spec.name,
                "roles": list(spec.roles),
                "email": spec.email,
                "phone": spec.phone,
                "party": spec.party,
            }
        )

    # -- contract ---------------------------------------------------------------------------

    def contract(self) -> Json:
        number = 0
        used: set[str] = set()
        for theme, specs in THEMES.items():
            for spec in specs:
                number += 1
                self.points.append(self.point(number, theme, spec, used))
        return {
            "id": f"c-{self.starts_on.year}",
            "title": f"Buurtcontract {NEIGHBOURHOOD} {self.starts_on.year}–{self.ends_on.year}",
            "starts_on": self.starts_on.isoformat(),
            "ends_on": self.ends_on.isoformat(),
            "signatures": [
                {
                    "party": party,
                    "signed_on": (self.starts_on - dt.timedelta(days=days)).isoformat(),
                    "signed_by": signer,
                }
                for party, days, signer in SIGNATURES
            ],
            "points": self.points,
        }

    def point(self, number: int, theme: str, spec: PointSpec, used: set[str]) -> Json:
        title = spec.title
        while "{straat}" in spec.title and title in used | {spec.title}:
            title = spec.title.format(straat=self.rng.choice(STREETS))
        used.add(title)
        if spec.key:
            self.point_numbers[spec.key] = number
        script = SCRIPTS.get(spec.key or "")
        if script:
            due: dt.date | None = _month_end(_add_months(self.starts_on, script.due_months - 1))
            entries = self.scripted(script)
        else:
            due = None if spec.party == "raad" else self.original_due()
            entries = [
                replace(entry, note=self.note(entry.status, spec.party))
                for entry in self.story(due)
            ]
        slips = [entry.due for entry in entries if entry.due]
        due = slips[-1] if slips else due
        point = _compact(
            {
                "number": number,
                "title": title,
                "description": spec.description,
                "theme": theme,
                "party": spec.party,
                "due": due.isoformat() if due else None,
                "status": entries[-1].status if entries else "open",
                "history": [self.history_entry(entry) for entry in entries],
            }
        )
        for entry in entries:
            self.changes.setdefault(entry.meeting, []).append((point, entry))
        return point

    def history_entry(self, entry: Entry) -> Json:
        return _compact(
            {
                "date": self.held[entry.meeting].isoformat(),
                "status": entry.status,
                "note": entry.note,
                "meeting": self.meeting_ids[entry.meeting],
                "due": entry.due.isoformat() if entry.due else None,
            }
        )

    def original_due(self) -> dt.date:
        return _month_end(_add_months(self.starts_on, self.rng.randint(2, CONTRACT_MONTHS - 1)))

    def slip(self, after: dt.date, low: int, high: int) -> dt.date:
        return min(_month_end(after + dt.timedelta(days=self.rng.randint(low, high))), self.ends_on)

    def note(self, status: str, party: str) -> str:
        notes = POINT_NOTES[status]
        return self.rng.choice(notes.get(party) or notes["*"])

    def scripted(self, script: Script) -> list[Entry]:
        return [
            Entry(
                meeting,
                status,
                note,
                _month_end(self.held[meeting] + dt.timedelta(days=slip)) if slip else None,
            )
            for meeting, status, note, slip in script.entries
        ]

    def story(self, due: dt.date | None) -> list[Entry]:
        """A believable history for a point, given whether its due date has passed."""
        if due is not None and due <= self.today:
            return self.past_due_story(due)
        return self.future_story(due)

    def started(self, before: int) -> list[Entry]:
        if before > 0 and self.rng.random() < 0.7:
            return [Entry(self.rng.randint(0, before - 1), "in_progress")]
        return []

    def past_due_story(self, due: dt.date) -> list[Entry]:
        rng = self.rng
        # Status changes are recorded at the first meeting after the due date (or, when the
        # due date fell after the last meeting, announced at that last meeting).
        settle = next((i for i, day in enumerate(self.held) if day >= due), self.last)
        outcome = rng.choices(
            ("done", "delayed", "slipped_done", "not_kept", "dropped"), weights=(55, 18, 9, 10, 8)
        )[0]
        if outcome == "not_kept" and self.held[settle] < due:
            outcome = "delayed"
        if outcome == "slipped_done" and settle == self.last:
            outcome = "delayed"
        if outcome == "dropped":
            return [Entry(rng.randint(min(FIRST_DROP, settle), settle), "dropped")]
        entries = self.started(settle)
        if outcome in ("done", "not_kept"):
            return [*entries, Entry(settle, outcome)]
        new_due = self.slip(max(due, self.held[settle]), 60, 200)
        entries.append(Entry(settle, "delayed", due=new_due))
        if outcome == "slipped_done":
            done_at = rng.randint(settle + 1, self.last)
            return [*entries, Entry(done_at, "done")]
        # Still delayed: when the new date passed at a later meeting, it slipped again.
        while (
            again := next(
                (
                    i
                    for i in range(entries[-1].meeting + 1, self.last + 1)
                    if self.held[i] >= new_due
                ),
                None,
            )
        ) is not None:
            new_due = self.slip(self.held[again], 45, 150)
            entries.append(Entry(again, "delayed", due=new_due))
        return entries

    def future_story(self, due: dt.date | None) -> list[Entry]:
        rng = self.rng
        outcome = rng.choices(
            ("open", "in_progress", "done_early", "delayed", "dropped"), weights=(30, 44, 10, 9, 7)
        )[0]
        if outcome == "open":
            return []
        if outcome == "done_early":
            start = rng.randint(0, self.last - 1)
            return [
                Entry(start, "in_progress"),
                Entry(rng.randint(start + 1, self.last), "done"),
            ]
        if outcome == "dropped":
            return [Entry(rng.randint(FIRST_DROP, self.last), "dropped")]
        at = rng.randint(0, self.last)
        if outcome == "delayed" and due is not None:
            return [Entry(at, "delayed", due=self.slip(due, 45, 150))]
        return [Entry(at, "in_progress")]

    # -- meetings ---------------------------------------------------------------------------

    def meetings(self) -> list[Json]:
        carried: dict[int, list[tuple[PartnerRequest, str]]] = {}
        unused_questions = list(ANY_OTHER_BUSINESS)
        self.rng.shuffle(unused_questions)
        meetings = []
        for index in range(HELD_MEETINGS):
            meetings.append(self.held_meeting(index, carried, unused_questions))
        meetings.append(self.next_meeting(carried.get(HELD_MEETINGS, [])))
        for index in range(HELD_MEETINGS + 1, HELD_MEETINGS + PLANNED_MEETINGS):
            meetings.append(self.planned_meeting(index, [], []))
        return meetings

    def planned_meeting(self, index: int, requests: list[Json], agenda: list[Json]) -> Json:
        return {
            "id": self.meeting_ids[index],
            "starts_at": f"{self.dates[index].isoformat()}T{STARTS_AT}",
            "location": LOCATION,
            "chair": CHAIR,
            "secretary": SECRETARY,
            "status": "planned",
            "attendance": [],
            "guests": [],
            "errata": [],
            "agenda_requests": requests,
            "agenda": agenda,
        }

    def next_meeting(self, carried: list[tuple[PartnerRequest, str]]) -> Json:
        last_held = self.held[self.last]
        requests = [
            self.request(title, source, by, last_held + dt.timedelta(days=days), "pending")
            for source, by, title, days in PENDING_REQUESTS
        ]
        for spec, origin in carried:
            requests.append(
                self.request(
                    spec.title,
                    spec.source,
                    spec.by,
                    self.partner_submitted(spec),
                    "pending",
                    origin,
                )
            )
        return self.planned_meeting(HELD_MEETINGS, requests, [])

    def request(
        self,
        title: str,
        source: str,
        by: str | None,
        submitted: dt.date,
        state: str,
        carried_from: str | None = None,
    ) -> Json:
        return _compact(
            {
                "id": self.next_id("r"),
                "title": title,
                "source": source,
                "submitted_by": by,
                "submitted_on": submitted.isoformat(),
                "state": state,
                "carried_from": carried_from,
            }
        )

    def partner_submitted(self, spec: PartnerRequest) -> dt.date:
        # Fixed per request, so a carried request keeps its original date.
        return self.held[spec.meeting] - dt.timedelta(days=8 + spec.meeting % 5 * 3)

    def held_meeting(
        self,
        index: int,
        carried: dict[int, list[tuple[PartnerRequest, str]]],
        questions: list[tuple[str | None, str]],
    ) -> Json:
        day = self.held[index]
        topics = sorted(
            (t for t in TOPICS if t.meeting == index), key=lambda t: SOURCE_ORDER[t.source]
        )
        decided = [p for p in PROPOSALS if p.meeting == index]
        partner_now = [r for r in PARTNER_REQUESTS if r.meeting == index]
        taken_up = [spec for spec in partner_now if spec.state == "placed"]
        taken_up += [spec for spec, _ in carried.get(index, [])]
        must_attend = {
            CHAIR,
            *(t.by for t in topics if t.by),
            *(p.by for p in decided),
            *(r.by for r in taken_up if r.by),
        }
        for topic in topics:
            must_attend.update(topic.also_present)
        attendance = self.attendance(must_attend)
        present = {row["person"] for row in attendance if row["status"] == "present"}
        self.voters[index] = sum(PERSON[p].votes for p in present)
        ends = 21 * 60 + 30 + 5 * self.rng.randint(0, 5)

        requests, request_ids = self.meeting_requests(index, topics, partner_now, carried)
        items: list[Json] = [self.opening(index, attendance)]
        if index in ANNOUNCEMENTS:
            text, proposals = ANNOUNCEMENTS[index]
            items.append(
                self.item(
                    index,
                    "announcements",
                    "Mededelingen",
                    "team",
                    "information",
                    notes=text,
                    minutes=5,
                    proposals=list(proposals),
                )
            )
        if index > 0:
            items.append(self.previous_minutes(index))
        items += [self.topic_item(index, topic, request_ids.get(topic.title)) for topic in topics]
        items.append(self.contract_item(index))
        items += [self.budget_item(index, spec) for spec in decided]
        items += [self.partner_item(index, spec, request_ids[spec.title]) for spec in taken_up]
        items.append(self.any_other_business(index, present, questions))
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
        meeting = {
            "id": self.meeting_ids[index],
            "starts_at": f"{day.isoformat()}T{STARTS_AT}",
            "ends_at": f"{day.isoformat()}T{_clock(ends)}",
            "location": LOCATION,
            "chair": CHAIR,
            "secretary": SECRETARY
            if SECRETARY in present
            else next(p for p in STAND_IN_SECRETARIES if p in present),
            "status": "minutes_approved" if approved else "held",
            "minutes_approved_at": self.meeting_ids[index + 1] if approved else None,
            "attendance": attendance,
            "guests": [
                _compact({"name": name, "organisation": org}) for name, org in GUESTS.get(index, ())
            ],
            "errata": self.errata(index),
            "agenda_requests": requests,
            "agenda": items,
        }
        return _compact(meeting)

    def attendance(self, must_attend: set[str]) -> list[Json]:
        rng = self.rng
        rows = []
        for person in PEOPLE:
            if person.id in must_attend:
                status = "present"
            else:
                weights = (60, 35, 5) if "partner" in person.roles else (82, 13, 5)
                status = rng.choices(("present", "absent_with_notice", "absent"), weights)[0]
            rows.append({"person": person.id, "status": status})
        # A quorum of three voters and someone to take minutes, always.
        voters = [row for row in rows if PERSON[row["person"]].votes]
        for row in voters:
            if sum(r["status"] == "present" for r in voters) >= 3:
                break
            row["status"] = "present"
        if not any(
            r["status"] == "present"
            for r in rows
            if r["person"] in (SECRETARY, *STAND_IN_SECRETARIES)
        ):
            rows[[p.id for p in PEOPLE].index(SECRETARY)]["status"] = "present"
        for row in rows:
            if row["status"] != "present" or row["person"] == CHAIR:
                continue
            roll = rng.random()
            if roll < 0.07:
                row["arrived_at"] = rng.choice(("19:45", "19:50", "20:05"))
            elif roll < 0.12:
                row["left_at"] = rng.choice(("20:55", "21:00", "21:15"))
        return rows

    def meeting_requests(
        self,
        index: int,
        topics: list[Topic],
        partner_now: list[PartnerRequest],
        carried: dict[int, list[tuple[PartnerRequest, str]]],
    ) -> tuple[list[Json], dict[str, str]]:
        """The agenda requests of a held meeting and, per title, the id of the placed one."""
        requests: list[Json] = []
        placed: dict[str, str] = {}
        previous = self.held[index - 1] if index else self.starts_on
        for topic in topics:
            if topic.source not in ("resident", "community_worker"):
                continue
            gap = (self.held[index] - previous).days
            submitted = self.held[index] - dt.timedelta(days=self.rng.randint(4, gap - 2))
            request = self.request(topic.title, topic.source, topic.by, submitted, "placed")
            requests.append(request)
            placed[topic.title] = request["id"]
            if topic.raises_issue and topic.issue:
                self.request_dates[topic.issue] = submitted
        for spec, origin in carried.get(index, []):
            request = self.request(
                spec.title, spec.source, spec.by, self.partner_submitted(spec), "placed", origin
            )
            requests.append(request)
            placed[spec.title] = request["id"]
        for spec in partner_now:
            request = self.request(
                spec.title, spec.source, spec.by, self.partner_submitted(spec), spec.state
            )
            requests.append(request)
            if spec.state == "placed":
                placed[spec.title] = request["id"]
            elif spec.state == "deferred":
                carried.setdefault(index + 1, []).append((spec, request["id"]))
        return requests, placed

    def errata(self, index: int) -> list[Json]:
        meeting, days, text = ERRATUM
        if index != meeting:
            return []
        # Recorded after the approval at the next meeting.
        return [
            {"date": (self.held[meeting + 1] + dt.timedelta(days=days)).isoformat(), "text": text}
        ]

    # -- agenda items -----------------------------------------------------------------------

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

    def decision(self, text: str, votes: Json | None = None) -> Json:
        return _compact({"id": self.next_id("d"), "text": text, "votes": votes})

    def unanimous(self, index: int) -> Json:
        voters = self.voters[index]
        abstain = 1 if voters > 3 and self.rng.random() < 0.25 else 0
        return _votes(voters - abstain, 0, abstain)

    def action(self, index: int, spec: Act) -> Json:
        opened = self.held[index]
        due = opened + dt.timedelta(days=spec.days)
        chance_done = 0.95 if index <= self.last - 3 else 0.6 if index < self.last else 0.2
        done_on = None
        if not spec.stays_open and self.rng.random() < chance_done:
            done_on = min(
                opened + dt.timedelta(days=self.rng.randint(3, spec.days + 10)), self.today
            )
        owner_is_person = spec.owner.startswith("p-")
        action = _compact(
            {
                "id": self.next_id("x"),
                "text": spec.text,
                "owner": spec.owner if owner_is_person else None,
                "party": None if owner_is_person else spec.owner,
                "due": due.isoformat(),
                "done_on": done_on.isoformat() if done_on else None,
            }
        )
        self.actions.append((index, action))
        return action

    def opening(self, index: int, attendance: list[Json]) -> Json:
        sentences = ["De voorzitter opent de vergadering en heet iedereen welkom."]
        for status, label in (
            ("absent_with_notice", "Afwezig met kennisgeving"),
            ("absent", "Afwezig zonder bericht"),
        ):
            names = [PERSON[row["person"]].name for row in attendance if row["status"] == status]
            if names:
                sentences.append(f"{label}: {' en '.join(names)}.")
        guests = GUESTS.get(index, ())
        if guests:
            sentences.append(
                "Te gast: "
                + ", ".join(f"{name} ({org})" if org else name for name, org in guests)
                + "."
            )
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
        previous, day = self.held[index - 1], self.held[index]
        done = sum(
            1
            for _, a in self.actions
            if "done_on" in a and previous < dt.date.fromisoformat(a["done_on"]) <= day
        )
        still_open = sum(
            1
            for _, a in self.actions
            if "done_on" not in a or dt.date.fromisoformat(a["done_on"]) > day
        )
        notes = (
            f"Actielijst: sinds de vorige vergadering {_count(done, 'actie', 'acties')} "
            f"afgerond, {_count(still_open, 'actie', 'acties')} nog open."
        )
        return self.item(
            index,
            "previous_minutes",
            f"Verslag van {_datum(previous, weekday=True)}",
            "team",
            "decision",
            minutes=10,
            notes=notes,
            decisions=[
                self.decision(
                    f"Het verslag van {_datum(previous, year=False)} wordt ongewijzigd vastgesteld."
                )
            ],
        )

    def topic_item(self, index: int, topic: Topic, request: str | None) -> Json:
        decisions = []
        if topic.decision:
            decisions.append(
                self.decision(topic.decision, self.unanimous(index) if topic.voted else None)
            )
        return self.item(
            index,
            "topics",
            topic.title,
            topic.source,
            "decision" if topic.decision else "discussion",
            by=topic.by,
            request=request,
            minutes=topic.minutes,
            notes=topic.notes,
            decisions=decisions,
            actions=[self.action(index, topic.action)] if topic.action else [],
            ideas=[{"id": self.next_id("i"), "text": topic.idea}] if topic.idea else [],
            points=[self.point_numbers[key] for key in topic.points],
            issues=[topic.issue] if topic.issue else [],
        )

    def contract_item(self, index: int) -> Json:
        changes = sorted(self.changes.get(index, []), key=lambda change: change[0]["number"])
        # The minutes mention the most newsworthy changes; the rest is in the overview.
        news = sorted(changes, key=lambda change: NEWSWORTHY.index(change[1].status))
        sentences = [self.change_sentence(point, entry) for point, entry in news[:3]]
        if len(changes) > 3:
            others = _count(len(changes) - 3, "ander punt", "andere punten")
            sentences.append(f"Verder bijgewerkt: {others}; zie het voortgangsoverzicht.")
        if not sentences:
            sentences.append("Geen wijzigingen in de voortgang sinds de vorige vergadering.")
        actions = []
        broken = [point for point, entry in changes if entry.status == "not_kept"]
        if broken:
            number = broken[0]["number"]
            party = next(name for pid, name, _ in PARTIES if pid == broken[0]["party"])
            actions.append(
                self.action(
                    index,
                    Act(f"{party} schriftelijk om uitleg vragen over punt {number}", "p-zoe", 14),
                )
            )
        return self.item(
            index,
            "contract",
            "Voortgang buurtcontract",
            "team",
            "discussion",
            minutes=20,
            notes=" ".join(sentences),
            actions=actions,
            points=[point["number"] for point, _ in changes],
        )

    @staticmethod
    def change_sentence(point: Json, entry: Entry) -> str:
        subject = f"Punt {point['number']} ({point['title']})"
        if entry.status == "delayed" and entry.due:
            return f"{subject} loopt vertraging op; nieuwe datum {_datum(entry.due)}."
        phrase = {
            "in_progress": "is in uitvoering genomen",
            "done": "is afgerond",
            "delayed": "loopt vertraging op",
            "not_kept": "is niet nagekomen",
            "dropped": "is vervallen",
        }[entry.status]
        return f"{subject} {phrase}."

    def budget_item(self, index: int, spec: ProposalSpec) -> Json:
        requested = Decimal(spec.requested)
        notes = f"{PERSON[spec.by].first_name} licht de aanvraag toe ({_euro(requested)})."
        year = self.held[index].year
        votes = self.vote_on(index, spec)
        if spec.status == "granted":
            granted = Decimal(spec.granted or "0")
            if granted < requested:
                text = (
                    f"De aanvraag wordt gedeeltelijk toegekend: {_euro(granted)} van de "
                    f"gevraagde {_euro(requested)}, uit het buurtbudget {year}."
                )
            else:
                text = f"De aanvraag wordt toegekend: {_euro(granted)} uit het buurtbudget {year}."
        elif spec.status == "rejected":
            text = "De aanvraag wordt afgewezen."
        else:
            text = "De aanvraag wordt aangehouden."
        if spec.reason:
            notes += f" {spec.reason}"
        actions = []
        if spec.status == "granted":
            actions.append(
                self.action(
                    index,
                    Act(
                        "Opdracht geven en de facturen doorsturen naar de buurtcoördinator",
                        spec.by,
                        35,
                    ),
                )
            )
        return self.item(
            index,
            "budget",
            f"Aanvraag buurtbudget: {spec.title}",
            "resident",
            "decision",
            by=spec.by,
            minutes=15,
            notes=notes,
            decisions=[self.decision(text, votes)],
            actions=actions,
            proposals=[spec.id],
        )

    def vote_on(self, index: int, spec: ProposalSpec) -> Json | None:
        voters = self.voters[index]
        if spec.status == "granted":
            votes = self.unanimous(index)
        elif spec.status == "rejected":
            votes = _votes(1, voters - 2, 1) if voters > 3 else _votes(0, voters, 0)
        else:
            return None
        self.proposal_votes[spec.id] = votes
        return votes

    def partner_item(self, index: int, spec: PartnerRequest, request: str) -> Json:
        decisions = [self.decision(spec.decision)] if spec.decision else []
        return self.item(
            index,
            "requests",
            spec.title,
            spec.source,
            "decision" if spec.decision else "discussion",
            by=spec.by,
            request=request,
            minutes=15,
            notes=spec.notes,
            decisions=decisions,
            actions=[self.action(index, spec.action)] if spec.action else [],
            points=[self.point_numbers[key] for key in spec.points],
            issues=[spec.issue] if spec.issue else [],
        )

    def any_other_business(
        self, index: int, present: set[str], questions: list[tuple[str | None, str]]
    ) -> Json:
        choice = next((q for q in questions if q[0] is None or q[0] in present), None)
        if choice is not None:
            questions.remove(choice)
        return self.item(
            index,
            "any_other_business",
            "Rondvraag",
            "team",
            "information",
            minutes=10,
            notes=choice[1] if choice else "Geen vragen.",
        )

    # -- budget -----------------------------------------------------------------------------

    def budget_years(self) -> list[Json]:
        first, last = self.starts_on.year, self.dates[-1].year
        years = []
        for year in range(first, last + 1):
            carry = format_exchange_money(CARRY_OVER) if year == first + 1 else None
            years.append(
                _compact(
                    {
                        "year": year,
                        "amount": format_exchange_money(BUDGET_PER_YEAR),
                        "carry_over": carry,
                    }
                )
            )
        return years

    def proposals(self) -> list[Json]:
        return [self.proposal(spec) for spec in PROPOSALS]

    def proposal(self, spec: ProposalSpec) -> Json:
        held_index, days = spec.received
        received = self.held[held_index] + dt.timedelta(days=days)
        if spec.meeting is not None:
            year = self.held[spec.meeting].year
        elif spec.status == "submitted":
            year = self.dates[HELD_MEETINGS].year  # to be decided at the next meeting
        else:
            year = received.year
        decision = None
        payments = []
        if spec.meeting is not None:
            decided = self.held[spec.meeting]
            decision = _compact(
                {
                    "meeting": self.meeting_ids[spec.meeting],
                    "amount_granted": spec.granted,
                    "reason": spec.reason,
                    "votes": self.proposal_votes.get(spec.id),
                }
            )
            payments = [
                {
                    "paid_on": min(decided + dt.timedelta(days=after), self.today).isoformat(),
                    "amount": amount,
                    "reference": reference,
                }
                for after, amount, reference in spec.payments
            ]
        return _compact(
            {
                "id": spec.id,
                "year": year,
                "title": spec.title,
                "description": spec.description,
                "theme": spec.theme,
                "submitted_by": spec.by,
                "received_on": received.isoformat(),
                "amount_requested": spec.requested,
                "not_regular_maintenance": spec.not_regular_maintenance,
                "status": spec.status,
                "decision": decision,
                "payments": payments,
            }
        )

    # -- issues -----------------------------------------------------------------------------

    def issue(self, spec: IssueSpec) -> Json:
        steps = [
            _compact(
                {
                    "date": (self.held[meeting] + dt.timedelta(days=days)).isoformat(),
                    "kind": kind,
                    "text": text,
                    "to": to,
                }
            )
            for meeting, days, kind, text, to in spec.steps
        ]
        return {
            "id": spec.id,
            "title": spec.title,
            "description": spec.description,
            "raised_on": self.request_dates[spec.id].isoformat(),
            "raised_by": spec.raised_by,
            "party": spec.party,
            "status": spec.status,
            "steps": steps,
        }
