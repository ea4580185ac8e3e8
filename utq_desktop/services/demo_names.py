"""Word lists for the demo data: names, faculties, positions and the demo app users.

Names are the hard part of a register (prefixes, diacritics, long double surnames), so the
lists deliberately contain all of them. Dutch surnames are (prefix, surname) pairs: the
prefix is stored in Candidate.prefix and ignored when sorting.
"""

from __future__ import annotations

from dataclasses import dataclass

INSTITUTION_NAME = "Universiteit van Demodam"
# A reserved top-level domain (RFC 2606): demo addresses can never reach a real mailbox.
EMAIL_DOMAIN = "demodam.example"

DUTCH_FEMALE = (
    "Anna", "Sanne", "Fleur", "Lotte", "Eva", "Femke", "Marieke", "Anouk", "Lieke",
    "Maaike", "Ilse", "Noor", "Esther", "Annemarie", "Hanneke", "Mirjam", "Inge", "Renée",
    "Zoë", "Sjoukje", "Judith", "Marloes", "Tessa", "Iris", "Linda", "Wendy", "Annelies",
)  # fmt: skip
DUTCH_MALE = (
    "Jan", "Pieter", "Jeroen", "Bram", "Daan", "Joost", "Maarten", "Sjoerd", "Thijs",
    "Ruud", "Wouter", "Bas", "Jan-Willem", "Gert-Jan", "Michiel", "Koen", "Stijn", "Job",
    "Hendrik", "Teun", "Rutger", "André", "René", "Tjeerd", "Niels", "Arjen", "Frank",
)  # fmt: skip
# Formal given names: a Dutch passport often lists several ("Maria Magdalena Johanna").
DUTCH_FORMAL_FEMALE = (
    "Maria", "Magdalena", "Johanna", "Cornelia", "Wilhelmina", "Elisabeth", "Catharina",
    "Hendrika", "Geertruida", "Adriana",
)  # fmt: skip
DUTCH_FORMAL_MALE = (
    "Johannes", "Cornelis", "Hendrikus", "Petrus", "Wilhelmus", "Gerardus", "Jacobus",
    "Antonius", "Franciscus", "Theodorus",
)  # fmt: skip
DUTCH_SURNAMES: tuple[tuple[str, str], ...] = (
    ("van", "Dijk"), ("de", "Vries"), ("de", "Jong"), ("van der", "Meer"),
    ("van den", "Berg"), ("van den", "Heuvel"), ("ter", "Horst"), ("van 't", "Hof"),
    ("in 't", "Veld"), ("van", "Leeuwen"), ("de", "Boer"), ("van der", "Linden"),
    ("van", "Beek"), ("de", "Graaf"), ("van", "Rijn"), ("den", "Hartog"), ("te", "Velde"),
    ("van de", "Kamp"), ("de", "Wit"), ("ten", "Brink"), ("van der", "Heijden"),
    ("op de", "Beek"), ("van", "Wijk"), ("de", "Haan"), ("de la", "Court"),
    ("", "Jansen"), ("", "Bakker"), ("", "Visser"), ("", "Smit"), ("", "Meijer"),
    ("", "Mulder"), ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"),
    ("", "Dekker"), ("", "Brouwer"), ("", "Kok"), ("", "Verhoeven"), ("", "Willemsen"),
    ("", "Huisman"), ("", "Kuipers"), ("", "Schouten"), ("", "Hoekstra"), ("", "Postma"),
    ("", "Dijkstra"), ("", "Oudemans"), ("", "Scholten"), ("", "Vermeulen"),
    ("", "Kramer"), ("", "Prins"), ("", "Blom"), ("", "Sluijter"), ("", "IJzerman"),
)  # fmt: skip
# Second halves of double surnames ("van den Heuvel-Oudemans", "Jansen-de Wit").
DUTCH_PARTNER_NAMES = (
    "Oudemans", "de Wit", "van Dam", "Bakker", "Kuipers", "van der Valk", "Groeneveld",
    "Schipper", "de Ruiter", "Verbeek",
)  # fmt: skip


@dataclass(frozen=True)
class NameGroup:
    """First names and surnames that belong together; a surname may be (male, female)."""

    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str | tuple[str, str], ...]
    prefixed: tuple[tuple[str, str], ...] = ()  # (prefix, surname): "de la", "Fontaine"


INTERNATIONAL: tuple[NameGroup, ...] = (
    NameGroup(  # Vietnamese
        ("Thảo", "Minh Anh", "Ngọc", "Lan Hương"),
        ("Quang Huy", "Đức", "Tuấn", "Bảo"),
        ("Nguyễn", "Trần", "Phạm", "Lê", "Võ"),
    ),
    NameGroup(  # Turkish
        ("Ayşe", "Şebnem", "Zeynep", "Elif", "Gülşen"),
        ("Mehmet", "Emre", "Barış", "Oğuz"),
        ("Doğan", "Yılmaz", "Çelik", "Kaya", "Öztürk", "Şahin"),
    ),
    NameGroup(  # Polish
        ("Małgorzata", "Agnieszka", "Katarzyna", "Zofia"),
        ("Łukasz", "Paweł", "Tomasz"),
        (("Wiśniewski", "Wiśniewska"), ("Kowalski", "Kowalska"), "Nowak", "Wójcik", "Mazur"),
    ),
    NameGroup(  # Nordic
        ("Ingrid", "Åsa", "Sigrún", "Liv", "Maja"),
        ("Øyvind", "Søren", "Björn", "Henrik"),
        ("Bergström", "Ångström", "Sørensen", "Lindqvist", "Haugen", "Ødegård"),
    ),
    NameGroup(  # Irish
        ("Siobhán", "Aoife", "Niamh", "Caoimhe"),
        ("Seán", "Pádraig", "Ciarán", "Oisín"),
        ("O'Brien", "Murphy", "Ó Súilleabháin", "Kelly", "MacCárthaigh"),
    ),
    NameGroup(  # French
        ("Françoise", "Chloé", "Anaïs", "Hélène", "Zoë"),
        ("Stéphane", "Jérôme", "François"),
        ("Lefèvre", "Dubois", "Bélanger", "Moreau"),
        prefixed=(("de la", "Fontaine"), ("de", "Villiers")),
    ),
    NameGroup(  # German
        ("Ute", "Sabine", "Käthe", "Jana"),
        ("Jürgen", "Jörg", "Günter", "Matthias"),
        ("Müller", "Schröder", "Weiß", "Köhler", "Groß", "Schäfer"),
        prefixed=(("von", "Weizsäcker"), ("von der", "Heide")),
    ),
    NameGroup(  # Spanish and Portuguese
        ("María José", "Inês", "Begoña", "Lucía"),
        ("José", "Iñigo", "João", "Sebastián"),
        ("García", "Núñez", "Gonçalves", "Fernández", "Peña", "Rodríguez López"),
    ),
    NameGroup(  # Serbian and Croatian
        ("Milica", "Jelena", "Ivana"),
        ("Đorđe", "Dragan", "Luka", "Nikola"),
        ("Đorđević", "Petrović", "Kovačević", "Jovanović", "Šimić"),
    ),
    NameGroup(  # Ghanaian
        ("Ama", "Akosua", "Efua", "Abena"),
        ("Kwame", "Kofi", "Yaw", "Kwabena"),
        ("Mensah", "Owusu", "Boateng", "Asante", "Agyemang-Duah"),
    ),
    NameGroup(  # Indian
        ("Priya", "Lakshmi", "Ananya", "Divya"),
        ("Arjun", "Rahul", "Venkatesh", "Sanjay"),
        ("Raghunathan", "Krishnamurthy", "Iyer", "Sharma", "Venkataraman", "Subramaniam"),
    ),
    NameGroup(  # Chinese
        ("Xiaoling", "Jing", "Mei", "Yuxin"),
        ("Wei", "Yifan", "Hao", "Jun"),
        ("Zhang", "Wang", "Li", "Chen", "Liu"),
    ),
)

FACULTIES: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    # (faculty, relative size, departments)
    ("Archaeology", 2, ("Archaeological Sciences", "World Archaeology", "Heritage and Society")),
    (
        "Governance and Global Affairs",
        4,
        ("Public Administration", "Security and Global Affairs", "University College The Hague"),
    ),
    (
        "Humanities",
        8,
        ("Arts in Society", "Area Studies", "History", "Linguistics", "Philosophy"),
    ),
    ("Law", 6, ("Private Law", "Public Law", "Criminal Law and Criminology", "Tax Law")),
    (
        "Medicine (LUMC)",
        9,
        (
            "Anatomy and Embryology",
            "Public Health and Primary Care",
            "Medical Education",
            "Cell and Chemical Biology",
            "Internal Medicine",
        ),
    ),
    (
        "Science",
        10,
        ("Mathematics", "Physics", "Chemistry", "Biology", "Computer Science", "Astronomy"),
    ),
    (
        "Social and Behavioural Sciences",
        7,
        ("Psychology", "Education and Child Studies", "Cultural Anthropology", "Political Science"),
    ),
    (
        "Electrical Engineering, Mathematics and Computer Science",
        6,
        ("Applied Mathematics", "Computer Science", "Electrical Engineering"),
    ),
    (
        "Behavioural, Management and Social Sciences",
        5,
        (
            "Industrial Engineering and Business Information Systems",
            "Learning, Data Analytics and Technology",
            "Psychology, Health and Technology",
        ),
    ),
)

POSITIONS: tuple[tuple[str, int], ...] = (
    ("Assistant professor", 30),
    ("Lecturer", 20),
    ("Postdoctoral researcher", 15),
    ("Associate professor", 14),
    ("Teacher", 11),
    ("Professor", 10),
)
FTES: tuple[tuple[float, int], ...] = (
    (1.0, 50), (0.9, 8), (0.8, 20), (0.7, 6), (0.6, 8), (0.5, 5), (0.4, 3),
)  # fmt: skip
EXTENSION_REASONS = (
    "Parental leave",
    "Long-term illness",
    "Changed position",
    "Care leave for a family member",
    "Reduced teaching load during a research grant",
)
EXTENSION_MONTHS = (3, 4, 6, 6, 6, 9, 12)

# (login, name, role): created only where the login is still free.
DEMO_USERS: tuple[tuple[str, str, str], ...] = (
    ("jdevries", "Janneke de Vries", "consultant"),
    ("mbakker", "Marloes Bakker", "consultant"),
    ("pvandam", "Peter van Dam", "consultant"),
    ("ihoekstra", "Ingrid Hoekstra", "consultant"),
    ("rverhagen", "Rob Verhagen", "consultant"),
    ("yterborg", "Yvonne ter Borg", "consultant"),
    ("hkuijpers", "Hans Kuijpers", "consultant"),
    ("evanderwal", "Esther van der Wal", "consultant"),
    ("ajonker", "Annelies Jonker", "coordinator"),
    ("mtimmermans", "Mark Timmermans", "coordinator"),
    ("sderidder", "Sabine de Ridder", "coordinator"),
    ("lkramer", "Lotte Kramer", "hr"),
    ("fhermans", "Frank Hermans", "hr"),
)
