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
    "Janneke", "Marjolein", "Ellen", "Karin", "Mariska", "Petra", "Yvonne", "Nienke", "Roos",
    "Floor", "Merel", "Jorien", "Willemijn", "Suzanne", "Mieke", "Geertje", "Wietske", "Hilde",
    "Margriet", "Carolien", "Machteld", "Jolien", "Anke", "Els", "Annet", "Daniëlle", "Manon",
    "Chantal", "Daphne", "Astrid", "Evelien", "Nicole", "Jacqueline", "Marjan", "Saskia",
    "Rianne", "Loes", "Kim", "Sophie", "Julia", "Emma", "Lisa", "Lianne", "Heleen", "Ineke",
    "Gerda", "Joke", "Marit", "Myrthe", "Britt", "Lisanne", "Charlotte", "Elise", "Aukje",
    "Tjitske", "Fenna", "Ymke", "Noortje", "Dewi", "Mirte", "Brenda", "Jet", "Liesbeth",
    "Wilma", "Ria", "Trijntje", "Mariëlle", "Rosalie", "Sietske",
)  # fmt: skip
DUTCH_MALE = (
    "Jan", "Pieter", "Jeroen", "Bram", "Daan", "Joost", "Maarten", "Sjoerd", "Thijs",
    "Ruud", "Wouter", "Bas", "Jan-Willem", "Gert-Jan", "Michiel", "Koen", "Stijn", "Job",
    "Hendrik", "Teun", "Rutger", "André", "René", "Tjeerd", "Niels", "Arjen", "Frank",
    "Sander", "Martijn", "Erik", "Hans", "Kees", "Willem", "Gerrit", "Dirk", "Floris", "Jasper",
    "Lars", "Ruben", "Tim", "Thomas", "Jesse", "Sven", "Luuk", "Sem", "Joris", "Gijs", "Hidde",
    "Wessel", "Roel", "Remco", "Marco", "Dennis", "Edwin", "Rob", "Mark", "Peter", "Paul",
    "Henk", "Wim", "Gerard", "Bart", "Robbert", "Hugo", "Olaf", "Menno", "Ewout", "Reinier",
    "Laurens", "Frits", "Jelle", "Sietse", "Hylke", "Wiebe", "Douwe", "Auke", "Jochem",
    "Freek", "Tijmen", "Diederik", "Maurits", "Evert", "Rik", "Vincent", "Tom", "Guus",
    "Stefan", "Jurriaan", "Jan-Peter", "Huib", "Ids", "Mathijs", "Gijsbert", "Lodewijk",
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
    ("van", "Vliet"), ("van", "Dam"), ("van", "Loon"), ("van", "Dongen"), ("van", "Gelder"),
    ("van", "Zanten"), ("van", "Houten"), ("van", "Doorn"), ("van", "Schaik"), ("van", "Os"),
    ("van", "Duin"), ("van", "Essen"), ("van der", "Wal"), ("van der", "Veen"),
    ("van der", "Laan"), ("van der", "Ploeg"), ("van der", "Sluis"), ("van der", "Zee"),
    ("van der", "Velden"), ("van den", "Bosch"), ("van den", "Broek"), ("van den", "Akker"),
    ("van de", "Ven"), ("van de", "Pol"), ("van de", "Water"), ("van de", "Wetering"),
    ("de", "Groot"), ("de", "Bruijn"), ("de", "Ruiter"), ("de", "Lange"), ("de", "Koning"),
    ("de", "Ridder"), ("de", "Bruin"), ("de", "Kok"), ("ter", "Haar"), ("ter", "Borg"),
    ("ter", "Beek"), ("ten", "Hove"), ("ten", "Cate"), ("ten", "Berge"), ("te", "Riele"),
    ("te", "Lintelo"), ("den", "Boer"), ("den", "Uyl"), ("den", "Ouden"), ("in 't", "Zandt"),
    ("van 't", "Zand"), ("van 't", "Wout"), ("op de", "Coul"), ("uit den", "Boogaard"),
    ("", "Jansen"), ("", "Bakker"), ("", "Visser"), ("", "Smit"), ("", "Meijer"),
    ("", "Mulder"), ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"),
    ("", "Dekker"), ("", "Brouwer"), ("", "Kok"), ("", "Verhoeven"), ("", "Willemsen"),
    ("", "Huisman"), ("", "Kuipers"), ("", "Schouten"), ("", "Hoekstra"), ("", "Postma"),
    ("", "Dijkstra"), ("", "Oudemans"), ("", "Scholten"), ("", "Vermeulen"),
    ("", "Kramer"), ("", "Prins"), ("", "Blom"), ("", "Sluijter"), ("", "IJzerman"),
    ("", "Janssen"), ("", "Smits"), ("", "Hermans"), ("", "Timmermans"), ("", "Jonker"),
    ("", "Verhagen"), ("", "Kuijpers"), ("", "Gerritsen"), ("", "Maas"), ("", "Koster"),
    ("", "Willems"), ("", "Claassen"), ("", "Evers"), ("", "Veenstra"), ("", "Bosma"),
    ("", "Kingma"), ("", "Zijlstra"), ("", "Wouters"), ("", "Boersma"), ("", "Jacobs"),
    ("", "Sanders"), ("", "Martens"), ("", "Goossens"), ("", "Lammers"), ("", "Koopman"),
    ("", "Schipper"), ("", "Groen"), ("", "Kroon"), ("", "Hoogendoorn"), ("", "Molenaar"),
    ("", "Timmer"), ("", "Vink"), ("", "Verbeek"), ("", "Wolters"), ("", "Bouwman"),
    ("", "Huijbregts"), ("", "Pronk"), ("", "Buitenhuis"), ("", "Rietveld"),
    ("", "Groeneveld"), ("", "Stam"), ("", "Boon"), ("", "Driessen"), ("", "Hoogland"),
    ("", "Brinkman"), ("", "Verschuren"), ("", "Wijnands"), ("", "Nijhuis"), ("", "Bruggeman"),
)  # fmt: skip
# Second halves of double surnames ("van den Heuvel-Oudemans", "Jansen-de Wit").
DUTCH_PARTNER_NAMES = (
    "Oudemans", "de Wit", "van Dam", "Bakker", "Kuipers", "van der Valk", "Groeneveld",
    "Schipper", "de Ruiter", "Verbeek", "Jansen", "de Graaf", "Hoekstra", "van Leeuwen",
    "Smit", "ter Horst", "Mulder", "van den Broek", "Visser", "Dijkstra", "de Bruijn",
    "Willems", "van 't Hof", "Meijer", "van Vliet", "Brouwer",
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
        (
            "Thảo", "Minh Anh", "Ngọc", "Lan Hương", "Linh", "Hằng", "Trang", "Phương",
            "Thu Hà", "Hoa", "Mai", "Huyền", "Thanh Tâm", "Ngân", "Yến", "Quỳnh",
        ),
        (
            "Quang Huy", "Đức", "Tuấn", "Bảo", "Minh", "Hùng", "Dũng", "Nam", "Long", "Khánh",
            "Phúc", "Thắng", "Hoàng", "Trung", "Việt Anh", "Sơn",
        ),
        (
            "Nguyễn", "Trần", "Phạm", "Lê", "Võ", "Hoàng", "Huỳnh", "Phan", "Vũ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lâm",
        ),
    ),
    NameGroup(  # Turkish
        (
            "Ayşe", "Şebnem", "Zeynep", "Elif", "Gülşen", "Fatma", "Emine", "Merve", "Büşra",
            "Özlem", "Derya", "Gökçe", "Esra", "Selin", "Hülya", "Nazlı", "Çiğdem",
        ),
        (
            "Mehmet", "Emre", "Barış", "Oğuz", "Mustafa", "Ahmet", "Hüseyin", "Murat", "Burak",
            "Serkan", "Kerem", "Ömer", "Can", "Uğur", "Tolga", "İbrahim", "Çağlar",
        ),
        (
            "Doğan", "Yılmaz", "Çelik", "Kaya", "Öztürk", "Şahin", "Demir", "Yıldız",
            "Yıldırım", "Aydın", "Özdemir", "Arslan", "Kılıç", "Çetin", "Kara", "Koç", "Kurt",
            "Özkan", "Şimşek", "Güneş",
        ),
    ),
    NameGroup(  # Polish
        (
            "Małgorzata", "Agnieszka", "Katarzyna", "Zofia", "Joanna", "Magdalena", "Ewa",
            "Monika", "Aleksandra", "Marta", "Justyna", "Dorota", "Barbara", "Grażyna", "Beata",
            "Urszula",
        ),
        (
            "Łukasz", "Paweł", "Tomasz", "Piotr", "Krzysztof", "Andrzej", "Michał", "Marcin",
            "Jakub", "Wojciech", "Grzegorz", "Mateusz", "Kamil", "Bartłomiej", "Jarosław",
            "Maciej",
        ),
        (
            ("Wiśniewski", "Wiśniewska"), ("Kowalski", "Kowalska"), "Nowak", "Wójcik", "Mazur",
            ("Lewandowski", "Lewandowska"), ("Zieliński", "Zielińska"),
            ("Szymański", "Szymańska"), ("Dąbrowski", "Dąbrowska"), ("Kozłowski", "Kozłowska"),
            ("Jankowski", "Jankowska"), ("Kamiński", "Kamińska"), ("Grabowski", "Grabowska"),
            ("Piotrowski", "Piotrowska"), "Woźniak", "Krawczyk", "Kaczmarek", "Zając", "Król",
            "Pawlak",
        ),
    ),
    NameGroup(  # Nordic
        (
            "Ingrid", "Åsa", "Sigrún", "Liv", "Maja", "Astrid", "Sigrid", "Karin", "Freja",
            "Solveig", "Kirsten", "Ragnhild", "Birgitta", "Guðrún", "Annika", "Elin", "Helga",
            "Mette",
        ),
        (
            "Øyvind", "Søren", "Björn", "Henrik", "Lars", "Anders", "Magnus", "Nils", "Erik",
            "Jens", "Rasmus", "Sven", "Gunnar", "Mikkel", "Torbjørn", "Olav", "Jóhann",
        ),
        (
            "Bergström", "Ångström", "Sørensen", "Lindqvist", "Haugen", "Ødegård", "Johansson",
            "Andersson", "Nilsson", "Hansen", "Pedersen", "Jørgensen", "Kristiansen", "Larsen",
            "Lindberg", "Sjöberg", "Virtanen", "Korhonen", "Bakke", "Halvorsen", "Åberg",
            "Holm", "Dahl",
        ),
    ),
    NameGroup(  # Irish
        (
            "Siobhán", "Aoife", "Niamh", "Caoimhe", "Róisín", "Sinéad", "Orla", "Clodagh",
            "Gráinne", "Saoirse", "Máire", "Aisling", "Deirdre", "Éabha", "Ciara", "Bríd",
        ),
        (
            "Seán", "Pádraig", "Ciarán", "Oisín", "Cormac", "Darragh", "Eoin", "Fionn", "Colm",
            "Diarmuid", "Tadhg", "Ruairí", "Cathal", "Dónal", "Niall", "Liam",
        ),
        (
            "O'Brien", "Murphy", "Ó Súilleabháin", "Kelly", "MacCárthaigh", "Walsh",
            "O'Sullivan", "Byrne", "Ryan", "O'Connor", "McCarthy", "Doyle", "Gallagher",
            "Lynch", "Fitzgerald", "Kennedy", "Quinn", "Brennan", "Nolan",
            ("Ó Briain", "Ní Bhriain"), ("Ó Ceallaigh", "Ní Cheallaigh"), ("Ó Néill", "Ní Néill"),
        ),
    ),
    NameGroup(  # French
        (
            "Françoise", "Chloé", "Anaïs", "Hélène", "Zoë", "Élodie", "Léa", "Camille",
            "Margaux", "Cécile", "Aurélie", "Mathilde", "Séverine", "Noémie", "Inès",
            "Béatrice", "Maëlle",
        ),
        (
            "Stéphane", "Jérôme", "François", "Étienne", "Benoît", "Théo", "Julien", "Nicolas",
            "Antoine", "Sébastien", "Raphaël", "Grégoire", "Loïc", "Hervé", "Thibault",
            "Frédéric",
        ),
        (
            "Lefèvre", "Dubois", "Bélanger", "Moreau", "Martin", "Bernard", "Petit", "Durand",
            "Leroy", "Girard", "Fournier", "Mercier", "Rousseau", "Lemaître", "Gauthier",
            "Chevalier", "Faure", "Lécuyer",
        ),
        prefixed=(("de la", "Fontaine"), ("de", "Villiers")),
    ),
    NameGroup(  # German
        (
            "Ute", "Sabine", "Käthe", "Jana", "Birgit", "Anke", "Katrin", "Susanne", "Jutta",
            "Heike", "Lena", "Franziska", "Annegret", "Dörte", "Bärbel", "Friederike",
        ),
        (
            "Jürgen", "Jörg", "Günter", "Matthias", "Klaus", "Stefan", "Wolfgang", "Uwe",
            "Tobias", "Florian", "Sebastian", "Dieter", "Andreas", "Lutz", "Torsten",
            "Maximilian",
        ),
        (
            "Müller", "Schröder", "Weiß", "Köhler", "Groß", "Schäfer", "Schmidt", "Schneider",
            "Fischer", "Meyer", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Krüger",
            "Böhm", "Hübner", "Zimmermann", "Jäger",
        ),
        prefixed=(("von", "Weizsäcker"), ("von der", "Heide"), ("von", "Bülow")),
    ),
    NameGroup(  # Spanish and Portuguese
        (
            "María José", "Inês", "Begoña", "Lucía", "Carmen", "Pilar", "Marta", "Sofía",
            "Ana Isabel", "Raquel", "Ainhoa", "Conceição", "Beatriz", "Mónica", "Leonor",
            "Rocío",
        ),
        (
            "José", "Iñigo", "João", "Sebastián", "Javier", "Álvaro", "Diego", "Rubén",
            "Andrés", "Gonçalo", "Tomás", "Martín", "Joaquín", "Rodrigo", "Nuno", "Ramón",
        ),
        (
            "García", "Núñez", "Gonçalves", "Fernández", "Peña", "Rodríguez López",
            "Martínez", "González", "Sánchez", "Pérez", "Gómez", "Jiménez", "Muñoz", "Álvarez",
            "Ibáñez", "Gutiérrez", "Magalhães", "Sousa", "Carvalho", "Pereira da Silva",
        ),
    ),
    NameGroup(  # Serbian and Croatian
        (
            "Milica", "Jelena", "Ivana", "Ana", "Marija", "Snežana", "Jovana", "Dragana",
            "Tijana", "Mirjana", "Ljiljana", "Katarina", "Vesna", "Željka", "Nataša",
        ),
        (
            "Đorđe", "Dragan", "Luka", "Nikola", "Marko", "Stefan", "Miloš", "Nemanja", "Dušan",
            "Aleksandar", "Vuk", "Ivan", "Goran", "Zoran", "Bojan", "Željko", "Filip",
        ),
        (
            "Đorđević", "Petrović", "Kovačević", "Jovanović", "Šimić", "Nikolić", "Marković",
            "Stojanović", "Ilić", "Popović", "Babić", "Horvat", "Marić", "Knežević",
            "Pavlović", "Vuković", "Tomić", "Radić", "Živković", "Perić",
        ),
    ),
    NameGroup(  # Ghanaian
        (
            "Ama", "Akosua", "Efua", "Abena", "Adwoa", "Yaa", "Afua", "Akua", "Esi", "Araba",
            "Ekua", "Serwaa", "Dzifa", "Enyonam", "Abla",
        ),
        (
            "Kwame", "Kofi", "Yaw", "Kwabena", "Kwaku", "Kwasi", "Kojo", "Kwadwo", "Kobina",
            "Kweku", "Fiifi", "Nii", "Selorm", "Edem", "Kwesi",
        ),
        (
            "Mensah", "Owusu", "Boateng", "Asante", "Agyemang-Duah", "Osei", "Appiah", "Adjei",
            "Ansah", "Amoah", "Darko", "Acheampong", "Ofori", "Quaye", "Tetteh", "Addo",
            "Sarpong", "Frimpong", "Amponsah", "Boakye",
        ),
    ),
    NameGroup(  # Indian
        (
            "Priya", "Lakshmi", "Ananya", "Divya", "Kavya", "Deepika", "Shreya", "Meera",
            "Aishwarya", "Pooja", "Sunita", "Nandini", "Radhika", "Anjali", "Swati", "Revathi",
        ),
        (
            "Arjun", "Rahul", "Venkatesh", "Sanjay", "Vikram", "Rohan", "Aditya", "Karthik",
            "Suresh", "Amit", "Rajesh", "Anand", "Siddharth", "Nikhil", "Pranav", "Srinivas",
        ),
        (
            "Raghunathan", "Krishnamurthy", "Iyer", "Sharma", "Venkataraman", "Subramaniam",
            "Patel", "Gupta", "Reddy", "Nair", "Menon", "Rao", "Singh", "Mehta", "Kulkarni",
            "Chatterjee", "Banerjee", "Joshi", "Pillai", "Desai",
        ),
    ),
    NameGroup(  # Chinese
        (
            "Xiaoling", "Jing", "Mei", "Yuxin", "Yan", "Hui", "Lili", "Xinyi", "Ying", "Fang",
            "Wenjing", "Jiayi", "Shuang", "Yuting", "Qian", "Xue",
        ),
        (
            "Wei", "Yifan", "Hao", "Jun", "Jie", "Lei", "Tao", "Zhiwei", "Haoran", "Zihao",
            "Qiang", "Bo", "Peng", "Jianguo", "Mingyu", "Chenxi",
        ),
        (
            "Zhang", "Wang", "Li", "Chen", "Liu", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
            "Sun", "Ma", "Zhu", "Hu", "Guo", "Lin", "He", "Gao",
        ),
    ),
)  # fmt: skip

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
    ("wbrouwer", "Willem Brouwer", "assessor"),
    ("kvisser", "Karin Visser", "assessor"),
    ("tmulder", "Tom Mulder", "assessor"),
    ("nsmit", "Noor Smit", "assessor"),
    ("gdekker", "Gerrit Dekker", "assessor"),
    ("lmeijer", "Lieke Meijer", "assessor"),
)
