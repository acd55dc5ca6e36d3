"""The bundled picture set for measures and interests: Lucide icons (ISC licence, shipped with
Reflex), each with short alt text in bokmål, nynorsk and English. Keys are stored in the database.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Picture:
    key: str
    icon: str  # a Lucide icon name as rx.icon takes it
    category: str
    alt: dict[str, str]


def _p(key: str, icon: str, category: str, nb: str, nn: str, en: str) -> Picture:
    return Picture(key, icon, category, {"nb": nb, "nn": nn, "en": en})


PICTURES: tuple[Picture, ...] = (
    # school
    _p("school", "school", "school", "Skole", "Skule", "School"),
    _p("school_bag", "backpack", "school", "Skolesekk", "Skulesekk", "School bag"),
    _p("homework", "notebook_pen", "school", "Lekser", "Lekser", "Homework"),
    _p("reading", "book_open", "school", "Lese", "Lese", "Reading"),
    _p("writing", "pencil", "school", "Skrive", "Skrive", "Writing"),
    _p("teacher", "presentation", "school", "Lærer", "Lærar", "Teacher"),
    _p("learning", "graduation_cap", "school", "Lære noe nytt", "Lære noko nytt", "Learning"),
    _p("counting", "calculator", "school", "Regne", "Rekne", "Counting"),
    # time
    _p("clock", "clock", "time", "Klokke", "Klokke", "Clock"),
    _p("alarm", "alarm_clock", "time", "Vekkerklokke", "Vekkjarklokke", "Alarm clock"),
    _p("timer", "timer", "time", "Tidtaker", "Tidtakar", "Timer"),
    _p("calendar", "calendar_days", "time", "Kalender", "Kalender", "Calendar"),
    # sleep
    _p("bed", "bed_double", "sleep", "Seng", "Seng", "Bed"),
    _p("bedtime", "moon", "sleep", "Leggetid", "Leggjetid", "Bedtime"),
    _p("morning", "sunrise", "sleep", "Morgen", "Morgon", "Morning"),
    # food
    _p("breakfast", "egg_fried", "food", "Frokost", "Frukost", "Breakfast"),
    _p("lunch_box", "sandwich", "food", "Matpakke", "Matpakke", "Lunch box"),
    _p("fruit", "apple", "food", "Frukt", "Frukt", "Fruit"),
    _p("dinner", "utensils", "food", "Middag", "Middag", "Dinner"),
    _p("water", "glass_water", "food", "Drikke vann", "Drikke vatn", "Drinking water"),
    _p("milk", "milk", "food", "Melk", "Mjølk", "Milk"),
    # friends
    _p("friends", "users", "friends", "Venner", "Vener", "Friends"),
    _p("friend", "user_round", "friends", "En venn", "Ein ven", "A friend"),
    _p("talking", "messages_square", "friends", "Prate sammen", "Prate saman", "Talking together"),
    _p("helping", "hand_helping", "friends", "Hjelpe", "Hjelpe", "Helping"),
    _p("ask_for_help", "hand", "friends", "Be om hjelp", "Be om hjelp", "Asking for help"),
    _p("kindness", "hand_heart", "friends", "Være snill", "Vere snill", "Being kind"),
    _p("together", "handshake", "friends", "Sammen", "Saman", "Together"),
    # play
    _p("play", "toy_brick", "play", "Leke", "Leike", "Play"),
    _p("building", "blocks", "play", "Bygge", "Byggje", "Building"),
    _p("puzzle", "puzzle", "play", "Puslespill", "Puslespel", "Puzzle"),
    _p("games", "gamepad_2", "play", "Spill", "Spel", "Games"),
    _p("board_game", "dice_5", "play", "Brettspill", "Brettspel", "Board game"),
    _p("drawing", "palette", "play", "Tegne", "Teikne", "Drawing"),
    _p("painting", "brush", "play", "Male", "Måle", "Painting"),
    _p("music", "music", "play", "Musikk", "Musikk", "Music"),
    _p("guitar", "guitar", "play", "Gitar", "Gitar", "Guitar"),
    _p("singing", "mic_vocal", "play", "Synge", "Syngje", "Singing"),
    # sport
    _p("football", "volleyball", "sport", "Fotball", "Fotball", "Football"),
    _p("swimming", "waves", "sport", "Svømme", "Symje", "Swimming"),
    _p("cycling", "bike", "sport", "Sykle", "Sykle", "Cycling"),
    _p("skiing", "mountain_snow", "sport", "Gå på ski", "Gå på ski", "Skiing"),
    _p("training", "dumbbell", "sport", "Trene", "Trene", "Training"),
    _p("medal", "medal", "sport", "Medalje", "Medalje", "Medal"),
    # feelings
    _p("happy", "smile", "feelings", "Glad", "Glad", "Happy"),
    _p("sad", "frown", "feelings", "Lei seg", "Lei seg", "Sad"),
    _p("angry", "angry", "feelings", "Sint", "Sint", "Angry"),
    _p("worried", "annoyed", "feelings", "Bekymret", "Uroleg", "Worried"),
    _p("calm", "meh", "feelings", "Rolig", "Roleg", "Calm"),
    _p("laughing", "laugh", "feelings", "Le", "Le", "Laughing"),
    _p("heart", "heart", "feelings", "Hjerte", "Hjarte", "Heart"),
    # clothes and care
    _p("clothes", "shirt", "clothes", "Klær", "Klede", "Clothes"),
    _p("shoes", "footprints", "clothes", "Sko og yttertøy", "Sko og yttertøy", "Shoes and outdoor clothes"),
    _p("shower", "shower_head", "care", "Dusje", "Dusje", "Shower"),
    _p("washing", "droplets", "care", "Vaske seg", "Vaske seg", "Washing"),
    _p("quiet_place", "armchair", "care", "Et rolig sted", "Ein roleg stad", "A quiet place"),
    # travel
    _p("bus", "bus_front", "travel", "Buss", "Buss", "Bus"),
    _p("car", "car", "travel", "Bil", "Bil", "Car"),
    _p("walking", "person_standing", "travel", "Gå til skolen", "Gå til skulen", "Walking to school"),
    _p("train", "train_front", "travel", "Tog", "Tog", "Train"),
    # health
    _p("doctor", "stethoscope", "health", "Lege", "Lege", "Doctor"),
    _p("medicine", "pill", "health", "Medisin", "Medisin", "Medicine"),
    _p("health_nurse", "hospital", "health", "Helsesykepleier", "Helsesjukepleiar", "School nurse"),
    # home
    _p("home", "house", "home", "Hjemme", "Heime", "Home"),
    _p("family", "users_round", "home", "Familie", "Familie", "Family"),
    _p("dog", "dog", "home", "Hund", "Hund", "Dog"),
    _p("cat", "cat", "home", "Katt", "Katt", "Cat"),
    _p("screen_time", "smartphone", "home", "Skjermtid", "Skjermtid", "Screen time"),
    _p("tv", "tv", "home", "TV", "TV", "TV"),
    _p("phone_call", "phone", "home", "Ringe", "Ringje", "Phone call"),
    # nature
    _p("outdoors", "trees", "nature", "Ute i naturen", "Ute i naturen", "Outdoors"),
    _p("sun", "sun", "nature", "Sol", "Sol", "Sun"),
    _p("rain", "cloud_rain", "nature", "Regn", "Regn", "Rain"),
    _p("fishing", "fish", "nature", "Fiske", "Fiske", "Fishing"),
    _p("flower", "flower", "nature", "Blomst", "Blome", "Flower"),
    # rewards
    _p("star", "star", "feelings", "Stjerne", "Stjerne", "Star"),
    _p("trophy", "trophy", "sport", "Pokal", "Pokal", "Trophy"),
    _p("party", "party_popper", "feelings", "Feiring", "Feiring", "Celebration"),
    _p("gift", "gift", "feelings", "Gave", "Gåve", "Gift"),
)

PICTURES_BY_KEY: dict[str, Picture] = {p.key: p for p in PICTURES}
CATEGORIES: tuple[str, ...] = tuple(dict.fromkeys(p.category for p in PICTURES))


def picture(key: str) -> Picture | None:
    return PICTURES_BY_KEY.get(key)


def is_known(key: str) -> bool:
    return key in PICTURES_BY_KEY


def alt_text(key: str, lang: str) -> str:
    found = PICTURES_BY_KEY.get(key)
    if found is None:
        return ""
    return found.alt.get(lang) or found.alt["nb"]
