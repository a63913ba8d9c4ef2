"""Known names whose SGJP paradigms lend their endings to names the dictionary lacks.

Only the words are listed here; their forms always come from the dictionary (see names.py).
The lists cover the endings of Polish names: adjectival -ski/-cki/-dzki/-ska/-cka/-dzka,
-ny/-na and other adjectives, -owa (married names), -ak/-ek/-ik/-yk/-czyk, -icz, -ec, -ień,
soft consonants, -ł/-l/-r/-t/-d/-n/-s/-z/-sz/-cz/-rz/-ch/-j/-b/-p/-m/-w/-g, -a and -o nouns.
"""

from __future__ import annotations

SURNAMES: tuple[str, ...] = (
    # adjectival, masculine and feminine
    "Kowalski", "Wiśniewski", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Dąbrowski",
    "Kozłowski", "Jankowski", "Wojciechowski", "Kwiatkowski", "Piotrowski", "Grabowski",
    "Pawłowski", "Michalski", "Jabłoński", "Nowakowski", "Majewski", "Olszewski", "Malinowski",
    "Jaworski", "Górski", "Witkowski", "Rutkowski", "Ostrowski", "Tomaszewski", "Zalewski",
    "Wróblewski", "Jasiński", "Sadowski", "Chmielewski", "Borkowski", "Sokołowski", "Urbański",
    "Maciejewski", "Szczepański", "Kucharski", "Kalinowski", "Adamski", "Wasilewski",
    "Czerwiński", "Andrzejewski", "Zakrzewski", "Sikorski", "Krajewski", "Gajewski",
    "Baranowski", "Laskowski", "Brzeziński", "Makowski", "Ziółkowski", "Przybylski", "Domański",
    "Borowski", "Ciesielski", "Wesołowski", "Leszczyński", "Lipiński", "Kowalewski", "Lipowski",
    "Nowicki", "Czarnecki", "Sawicki", "Wysocki", "Głowacki", "Nowacki", "Chojnacki", "Górecki",
    "Nawrocki", "Piasecki", "Wierzbicki", "Janicki", "Bielecki", "Małecki", "Słowacki",
    "Zawadzki", "Mazowiecki",
    "Kowalska", "Wiśniewska", "Kamińska", "Lewandowska", "Zielińska", "Szymańska", "Dąbrowska",
    "Kozłowska", "Jankowska", "Kwiatkowska", "Szczepańska", "Zapolska", "Bogusławska",
    "Nowicka", "Czarnecka", "Wysocka", "Zawadzka",
    "Czarny", "Wolny", "Biały", "Wesoły", "Mały", "Bury", "Czarna", "Borowa", "Grabowa",
    "Nowakowa", "Linde",
    # nouns ending in a consonant
    "Nowak", "Woźniak", "Pawlak", "Walczak", "Michalak", "Pietrzak", "Marciniak", "Kubiak",
    "Cieślak", "Szczepaniak", "Urbaniak", "Kozak", "Polak", "Żak", "Łuczak", "Stasiak",
    "Jóźwiak", "Wawrzyniak", "Kasprzak", "Majchrzak", "Sobczak", "Tomczak", "Szymczak",
    "Kaźmierczak", "Pająk", "Kruk", "Bąk",
    "Wójcik", "Kowalik", "Janik", "Pawlik", "Bartosik", "Kowalczyk", "Krawczyk", "Adamczyk",
    "Szewczyk", "Włodarczyk", "Błaszczyk", "Kaczmarczyk", "Mikołajczyk", "Tomczyk",
    "Kołodziejczyk",
    "Kaczmarek", "Wieczorek", "Dudek", "Mazurek", "Kurek", "Piątek", "Bednarek", "Milczarek",
    "Świątek", "Marek",
    "Markiewicz", "Stankiewicz", "Sienkiewicz", "Mickiewicz", "Wójtowicz", "Gombrowicz",
    "Iwaszkiewicz", "Marcinkiewicz",
    "Kopeć", "Kmieć", "Szewc", "Stępień", "Kwiecień", "Dereń", "Staroń", "Łabędź", "Dziedzic",
    "Musiał", "Kozieł", "Orzeł", "Domagała", "Wróbel", "Kowal", "Król", "Mazur", "Kot", "Kant",
    "Lenart", "Herbert", "Urban", "Bogdan", "Baran", "Seweryn", "Lis", "Prus", "Mróz", "Szulc",
    "Jarosz", "Miłosz", "Kołodziej", "Maj", "Grzyb", "Gołąb", "Tuwim", "Lem", "Pieróg",
    "Chrobot", "Chopin", "Kopernik", "Miller", "Wilk",
    # nouns ending in a vowel
    "Sikora", "Krupa", "Mucha", "Kania", "Zięba", "Sowa", "Gruszka", "Zaręba", "Kula", "Ryba",
    "Cieśla", "Nalepa", "Gawęda", "Nowina", "Kalina", "Wrona", "Duda", "Wałęsa", "Linda",
    "Kościuszko", "Fredro", "Matejko", "Moniuszko", "Popiełuszko",
)

FIRST_NAMES: tuple[str, ...] = (
    "Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna",
    "Elżbieta", "Zofia", "Janina", "Teresa", "Joanna", "Magdalena", "Monika", "Jadwiga",
    "Danuta", "Irena", "Halina", "Helena", "Beata", "Aleksandra", "Marta", "Dorota", "Marianna",
    "Grażyna", "Jolanta", "Stanisława", "Iwona", "Karolina", "Bożena", "Urszula", "Justyna",
    "Renata", "Alicja", "Paulina", "Sylwia", "Natalia", "Wanda", "Agata", "Aneta", "Izabela",
    "Ewelina", "Marzena", "Patrycja", "Julia", "Maja", "Zuzanna", "Lena", "Oliwia", "Łucja",
    "Kasia", "Zosia", "Ola", "Amelia", "Emilia", "Klaudia", "Kinga", "Jagoda", "Weronika",
    "Jan", "Andrzej", "Piotr", "Krzysztof", "Stanisław", "Tomasz", "Paweł", "Józef", "Marcin",
    "Marek", "Michał", "Grzegorz", "Jerzy", "Tadeusz", "Adam", "Łukasz", "Zbigniew", "Ryszard",
    "Dariusz", "Henryk", "Mariusz", "Kazimierz", "Wojciech", "Robert", "Mateusz", "Marian",
    "Rafał", "Jacek", "Janusz", "Mirosław", "Maciej", "Jarosław", "Kamil", "Roman", "Jakub",
    "Artur", "Edward", "Damian", "Dawid", "Sebastian", "Leszek", "Daniel", "Kuba", "Antoni",
    "Szymon", "Filip", "Bartosz", "Igor", "Kacper", "Aleksander", "Franciszek", "Ignacy",
    "Feliks", "Ludwik", "Bogdan", "Wiktor", "Oskar", "Borys", "Olaf", "Dominik", "Patryk",
)
