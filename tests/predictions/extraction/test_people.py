from predictions.extraction.people import DocumentPeople


def test_full_names_from_surnames_and_titles():
    people = DocumentPeople.read("Maren Holt chairs the board. Ms. Holt spoke. HOLT: Yes.")
    assert people.full_name("Holt") == "Maren Holt"
    assert people.full_name("Ms. Holt") == "Maren Holt"
    assert people.full_name("HOLT") == "Maren Holt"
    assert people.full_name("Sen. Ada Park") == "Ada Park"


def test_genders_come_from_titles_and_given_names():
    people = DocumentPeople.read(
        "Maren Holt met Tomas Brenner. Later Mr. Brenner left, and Sarah Quist arrived."
    )
    assert people.genders["Tomas Brenner"] == "male"
    assert people.genders["Sarah Quist"] == "female"
    assert "Maren Holt" not in people.genders  # a given name this list does not know


def test_a_pronoun_skips_people_of_the_other_gender():
    text = "Sarah Quist spoke first. Then David Ames answered her. She said "
    people = DocumentPeople.read(text)
    assert people.last_person(len(text), "she") == "Sarah Quist"
    assert people.last_person(len(text), "he") == "David Ames"


def test_a_pronoun_prefers_the_subject_to_a_name_in_passing():
    text = "Tomas Brenner criticised the plan of Oskar Lind at length. He said "
    people = DocumentPeople.read(text)
    assert people.last_person(len(text), "he") == "Tomas Brenner"


def test_a_topic_is_the_antecedent_of_the_next_pronoun():
    text = "Oskar Lind was cautious. As for Tomas Brenner, he said "
    people = DocumentPeople.read(text)
    assert people.last_person(len(text), "he") == "Tomas Brenner"


def test_a_speaker_found_is_the_likeliest_antecedent():
    text = "The report cites Oskar Lind and Tomas Brenner. He said "
    people = DocumentPeople.read(text)
    people.heard(text.index("The report"), "Tomas Brenner")
    assert people.last_person(len(text), "he") == "Tomas Brenner"
