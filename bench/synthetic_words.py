"""The words the synthetic graph is made of: French names, title words, genres, keywords, streets."""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    """The words of ``text`` (word lists read better as text than as a column of strings)."""
    return tuple(text.split())


FIRST = _words(
    "Juliette Romain Émilie Cédric Agnès Vincent Monica Isabelle Jean Marion Louis Léa Omar Audrey "
    "Mathieu Sophie Gérard Catherine Fabrice Mélanie Karin Gilles Albert François Denis Chloé Hugo "
    "Camille Adèle Pierre Nathalie Benoît Sandrine Jacques Anaïs Thomas Clémence Yves Simone Alain "
    "Brigitte Jeanne Michel Zinedine Annelise Olivia Xavier Maurice Julie Laetitia Guillaume Noémie "
    "Raphaël Ludivine Tahar Virginie Reda Jérémie Hafsia"
)
LAST = _words(
    "Binoche Duris Klapisch Varda Cassel Bellucci Huppert Dujardin Cotillard Garrel Seydoux Sy "
    "Tautou Amalric Marceau Depardieu Deneuve Luchini Laurent Viard Lellouche Dupontel Cluzet Lindon "
    "Lemercier Tellier Renier Haenel Exarchopoulos Piccoli Baye Poelvoorde Kiberlain Bacri Foïs "
    "Gallienne Dequenne Signoret Delon Bardot Moreau Belmondo Karina Trintignant Rampling Adjani "
    "Auteuil Béart Bonnaire Dussollier Ardant Berling Lvovsky Ledoyen Kassovitz Rahim Efira Kateb "
    "Macaigne Anglade Quenard"
)
WORDS = _words(
    "amour nuit ville pluie été hiver lumière ombre rue quai pont café gare métro toit fenêtre "
    "dernier premier petit grand secret silence voyage retour départ rêve histoire jour soir matin "
    "ciel mer fleuve Seine Montmartre Belleville Marais Bastille Pigalle Odéon Passy Batignolles"
)
GENRES = _words(
    "Drama Comedy Romance Thriller Crime Documentary Animation Family Mystery History War Music "
    "Adventure Fantasy Horror"
)
KEYWORDS = _words(
    "paris love friendship family police heist bakery cafe nightlife fashion music revenge memory "
    "artist student marriage divorce exile war resistance jazz dance theatre apartment neighbour "
    "taxi metro rooftop riverbank cemetery museum"
)
COUNTRIES = ("France", "Belgium", "United States", "United Kingdom", "Italy", "Germany", "Spain", "Canada")
FESTIVALS = ("Cannes Film Festival", "Berlinale", "Venice Film Festival", "Toronto Film Festival")
SECTIONS = ("Competition", "Un Certain Regard", "Out of Competition", "Special Screenings")
CREW_ROLES = ("director", "writer", "lead actor", "cinematographer", "editor")
STREETS = (
    *("rue de Rivoli", "boulevard Saint-Germain", "quai de Valmy", "rue des Abbesses", "avenue de l'Opéra"),
    *("rue Oberkampf", "place des Vosges", "rue Mouffetard", "boulevard de Clichy", "quai de la Tournelle"),
)
COMPANY_KINDS = ("Films", "Productions", "Distribution", "Pictures")
