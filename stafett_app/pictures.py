"""The bundled picture set for measures and interests.

The pictures are Lucide icons (ISC licence), which Reflex ships through the npm package
lucide-react and draws with ``rx.icon(name)``. Each picture has short, concrete alt text in
bokmål, nynorsk and English, so that a child who does not read well can look at the picture
and a grown-up (or the read-aloud) can say what it shows.

``Picture.key`` is stored in the database (measure.picture, stafett_log.interest_picture):
never rename or remove a key, only add new ones. Icons and alt texts may change.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Picture:
    key: str  # stable id stored in the database, snake_case English
    icon: str  # a Lucide icon name exactly as rx.icon takes it (snake_case)
    category: str  # one of CATEGORIES
    alt: dict[str, str]  # {"nb": ..., "nn": ..., "en": ...}


CATEGORIES: tuple[str, ...] = (
    "school",
    "home",
    "sleep",
    "food",
    "friends",
    "sport",
    "feelings",
    "clothes",
    "travel",
    "health",
    "play",
    "time",
    "nature",
    "care",
)


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
    _p("learning", "graduation_cap", "school", "Lære noe nytt", "Lære noko nytt", "Learning something new"),
    _p("counting", "calculator", "school", "Regne", "Rekne", "Maths"),
    _p("crafts", "scissors", "school", "Klippe og lime", "Klyppe og lime", "Cutting and gluing"),
    _p("ask_question", "message_circle_question", "school", "Spørre", "Spørje", "Asking a question"),
    # home
    _p("home", "house", "home", "Hjemme", "Heime", "Home"),
    _p("family", "house_heart", "home", "Familie", "Familie", "Family"),
    _p("little_sibling", "baby", "home", "Småsøsken", "Småsysken", "Little brother or sister"),
    _p("pets", "paw_print", "home", "Kjæledyr", "Kjæledyr", "Pets"),
    _p("dog", "dog", "home", "Hund", "Hund", "Dog"),
    _p("cat", "cat", "home", "Katt", "Katt", "Cat"),
    _p("rabbit", "rabbit", "home", "Kanin", "Kanin", "Rabbit"),
    _p("screen_time", "smartphone", "home", "Skjermtid", "Skjermtid", "Screen time"),
    _p("tv", "tv", "home", "TV", "TV", "TV"),
    _p("phone_call", "phone", "home", "Ringe", "Ringje", "Phone call"),
    # sleep
    _p("bed", "bed_double", "sleep", "Seng", "Seng", "Bed"),
    _p("bedtime", "moon", "sleep", "Leggetid", "Leggjetid", "Bedtime"),
    _p("morning", "sunrise", "sleep", "Morgen", "Morgon", "Morning"),
    _p("tired", "eye_closed", "sleep", "Trøtt", "Trøytt", "Tired"),
    _p("rest", "sofa", "sleep", "Hvile", "Kvile", "Rest"),
    # food
    _p("breakfast", "egg_fried", "food", "Frokost", "Frukost", "Breakfast"),
    _p("lunch_box", "sandwich", "food", "Matpakke", "Matpakke", "Lunch box"),
    _p("fruit", "apple", "food", "Frukt", "Frukt", "Fruit"),
    _p("vegetables", "carrot", "food", "Grønnsaker", "Grønsaker", "Vegetables"),
    _p("dinner", "utensils", "food", "Middag", "Middag", "Dinner"),
    _p("cooking", "cooking_pot", "food", "Lage mat", "Lage mat", "Cooking"),
    _p("water", "glass_water", "food", "Drikke vann", "Drikke vatn", "Drinking water"),
    _p("milk", "milk", "food", "Melk", "Mjølk", "Milk"),
    # friends
    _p("friends", "users", "friends", "Venner", "Vener", "Friends"),
    _p("friend", "user_round", "friends", "En venn", "Ein ven", "A friend"),
    _p("talking", "messages_square", "friends", "Prate sammen", "Prate saman", "Talking together"),
    _p("listening", "ear", "friends", "Lytte", "Lytte", "Listening"),
    _p("speak_up", "speech", "friends", "Si fra", "Sei frå", "Speaking up"),
    _p("helping", "hand_helping", "friends", "Hjelpe", "Hjelpe", "Helping"),
    _p("ask_for_help", "hand", "friends", "Be om hjelp", "Be om hjelp", "Asking for help"),
    _p("kindness", "hand_heart", "friends", "Være snill", "Vere snill", "Being kind"),
    _p("comforting", "heart_handshake", "friends", "Trøste", "Trøyste", "Comforting"),
    _p("together", "handshake", "friends", "Sammen", "Saman", "Together"),
    # sport
    _p("football", "volleyball", "sport", "Fotball", "Fotball", "Football"),
    _p("swimming", "waves_ladder", "sport", "Svømme", "Symje", "Swimming"),
    _p("cycling", "bike", "sport", "Sykle", "Sykle", "Cycling"),
    _p("running", "sport_shoe", "sport", "Løpe", "Springe", "Running"),  # Lucide has no runner
    _p("skiing", "mountain_snow", "sport", "Gå på ski", "Gå på ski", "Skiing"),
    _p("training", "dumbbell", "sport", "Trene", "Trene", "Training"),
    _p("strong", "biceps_flexed", "sport", "Sterk", "Sterk", "Strong"),
    _p("medal", "medal", "sport", "Medalje", "Medalje", "Medal"),
    _p("trophy", "trophy", "sport", "Pokal", "Pokal", "Trophy"),
    # feelings
    _p("happy", "smile", "feelings", "Glad", "Glad", "Happy"),
    _p("sad", "frown", "feelings", "Lei seg", "Lei seg", "Sad"),
    _p("angry", "angry", "feelings", "Sint", "Sint", "Angry"),
    _p("worried", "annoyed", "feelings", "Bekymret", "Uroleg", "Worried"),
    _p("calm", "meh", "feelings", "Rolig", "Roleg", "Calm"),
    _p("laughing", "laugh", "feelings", "Le", "Le", "Laughing"),
    _p("heart", "heart", "feelings", "Hjerte", "Hjarte", "Heart"),
    _p("star", "star", "feelings", "Stjerne", "Stjerne", "Star"),
    _p("well_done", "thumbs_up", "feelings", "Bra jobbet", "Bra jobba", "Well done"),
    _p("party", "party_popper", "feelings", "Feiring", "Feiring", "Celebration"),
    _p("gift", "gift", "feelings", "Gave", "Gåve", "Gift"),
    # clothes
    _p("clothes", "shirt", "clothes", "Klær", "Klede", "Clothes"),
    _p("shoes", "sport_shoe", "clothes", "Sko", "Sko", "Shoes"),  # same icon as "running": Lucide has no other shoe
    _p("glasses", "glasses", "clothes", "Briller", "Briller", "Glasses"),
    # travel
    _p("bus", "bus_front", "travel", "Buss", "Buss", "Bus"),
    _p("car", "car", "travel", "Bil", "Bil", "Car"),
    _p("walking", "footprints", "travel", "Gå til skolen", "Gå til skulen", "Walking to school"),
    _p("train", "train_front", "travel", "Tog", "Tog", "Train"),
    # health
    _p("doctor", "stethoscope", "health", "Lege", "Lege", "Doctor"),
    _p("medicine", "pill", "health", "Medisin", "Medisin", "Medicine"),
    _p("health_nurse", "hospital", "health", "Helsesykepleier", "Helsesjukepleiar", "School nurse"),
    _p("ill", "thermometer", "health", "Syk", "Sjuk", "Ill"),
    _p("plaster", "bandage", "health", "Plaster", "Plaster", "Plaster"),
    # play
    _p("play", "shapes", "play", "Leke", "Leike", "Play"),
    _p("building", "toy_brick", "play", "Bygge", "Byggje", "Building"),
    _p("puzzle", "puzzle", "play", "Puslespill", "Puslespel", "Puzzle"),
    _p("games", "gamepad_2", "play", "Spill", "Spel", "Games"),
    _p("board_game", "dice_5", "play", "Brettspill", "Brettspel", "Board game"),
    _p("drawing", "palette", "play", "Tegne", "Teikne", "Drawing"),
    _p("painting", "paintbrush", "play", "Male", "Måle", "Painting"),
    _p("music", "music", "play", "Musikk", "Musikk", "Music"),
    _p("guitar", "guitar", "play", "Gitar", "Gitar", "Guitar"),
    _p("piano", "piano", "play", "Piano", "Piano", "Piano"),
    _p("singing", "mic_vocal", "play", "Synge", "Syngje", "Singing"),
    _p("photos", "camera", "play", "Ta bilder", "Ta bilete", "Taking photos"),
    _p("birthday", "cake", "play", "Bursdag", "Bursdag", "Birthday"),
    # time
    _p("clock", "clock", "time", "Klokke", "Klokke", "Clock"),
    _p("alarm", "alarm_clock", "time", "Vekkerklokke", "Vekkjarklokke", "Alarm clock"),
    _p("timer", "timer", "time", "Tidtaker", "Tidtakar", "Timer"),
    _p("waiting", "hourglass", "time", "Vente", "Vente", "Waiting"),
    _p("calendar", "calendar_days", "time", "Kalender", "Kalender", "Calendar"),
    _p("checklist", "list_todo", "time", "Huskeliste", "Hugseliste", "Checklist"),
    # nature
    _p("outdoors", "trees", "nature", "Ute i naturen", "Ute i naturen", "Outdoors"),
    _p("sun", "sun", "nature", "Sol", "Sol", "Sun"),
    _p("rain", "cloud_rain", "nature", "Regn", "Regn", "Rain"),
    _p("snow", "snowflake", "nature", "Snø", "Snø", "Snow"),
    _p("umbrella", "umbrella", "nature", "Paraply", "Paraply", "Umbrella"),
    _p("fishing", "fish", "nature", "Fiske", "Fiske", "Fishing"),
    _p("flower", "flower", "nature", "Blomst", "Blome", "Flower"),
    _p("planting", "sprout", "nature", "Plante", "Plante", "Planting"),
    _p("bird", "bird", "nature", "Fugl", "Fugl", "Bird"),
    _p("camping", "tent", "nature", "Telttur", "Telttur", "Camping"),
    # care
    _p("shower", "shower_head", "care", "Dusje", "Dusje", "Shower"),
    _p("bath", "bath", "care", "Bade", "Bade", "Bath"),
    _p("washing", "soap_dispenser_droplet", "care", "Vaske hendene", "Vaske hendene", "Washing hands"),
    _p("brush_teeth", "brush_cleaning", "care", "Pusse tennene", "Pusse tennene", "Brushing teeth"),
    _p("toilet", "toilet", "care", "Do", "Do", "Toilet"),
    _p("quiet_place", "armchair", "care", "Et rolig sted", "Ein roleg stad", "A quiet place"),
    _p("breathe", "wind", "care", "Puste rolig", "Puste roleg", "Breathing calmly"),
    _p("headphones", "headphones", "care", "Hodetelefoner", "Hovudtelefonar", "Headphones"),
)

PICTURES_BY_KEY: dict[str, Picture] = {p.key: p for p in PICTURES}


def picture(key: str) -> Picture | None:
    """The picture with this key, or None."""
    return PICTURES_BY_KEY.get(key)


def is_known(key: str) -> bool:
    return key in PICTURES_BY_KEY


def alt_text(key: str, lang: str) -> str:
    """The alt text in the language, falling back to bokmål; "" for an unknown key."""
    found = PICTURES_BY_KEY.get(key)
    if found is None:
        return ""
    return found.alt.get(lang) or found.alt["nb"]
