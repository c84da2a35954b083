"""The English extractor's vocabularies (the rules that use them are listed in ``english.py``)."""


ORG_HEADS = ("University", "Institute", "Center", "Centre", "Technopark", "Academy", "Ministry", "Agency",
             "Committee", "Laboratory", "Company", "Corporation", "School", "College", "Faculty", "Hospital",
             "Museum", "Library", "Foundation", "Fund", "Association", "Union", "Chamber", "Bank", "Embassy",
             "Consulate", "Council", "Government", "Administration", "Park", "Cluster", "Plant", "Factory",
             "Holding", "Group", "Society", "Observatory", "Conservatory", "Lyceum", "Service", "Authority",
             "Inspectorate", "Parliament", "Assembly", "Organization", "Organisation", "Office", "Branch", "Zone",
             "Clinic", "Commission", "Mission")
LEGAL_FORMS = ("JSC", "PJSC", "OJSC", "CJSC", "LLC", "Ltd", "JV", "SUE", "FSUE", "GmbH", "AG", "Inc", "Corp", "NGO")
TITLE_HEADS = ("Rector", "Vice-Rector", "Prorector", "President", "Vice-President", "Director", "Chairman",
               "Chairwoman", "Chair", "Head", "Minister", "Deputy", "Dean", "Professor", "Ambassador", "Consul",
               "Governor", "Mayor", "Secretary", "Manager", "Chief", "Officer", "Advisor", "Adviser", "Counsellor",
               "Counselor", "Attaché", "Representative", "Member", "Coordinator", "Leader", "Founder", "CEO", "CTO",
               "CFO", "Commissioner", "Inspector", "Researcher", "Scientist", "Engineer", "Specialist", "Expert",
               "Senator", "Speaker", "Executive", "Partner", "Principal", "Provost", "Chancellor", "Rapporteur",
               "Envoy", "General", "Academician", "Registrar", "Bursar", "Librarian", "Curator", "Editor",
               "Spokesperson", "Spokesman", "Assistant", "Vice-chancellor", "Vice-president", "Vice-rector", "Abbot")
LOWER_TITLE_HEADS = ("rector", "vice-rector", "president", "vice-president", "vice president", "director", "chairman",
                     "head", "minister", "dean", "ambassador", "secretary", "chancellor", "vice-chancellor",
                     "vice chancellor", "registrar", "provost", "principal", "adviser", "advisor", "counsellor",
                     "representative", "vice rector", "member")
TITLE_MODIFIERS = ("First", "Second", "Executive", "Acting", "Senior", "Chief", "General", "Deputy", "Vice",
                   "Honorary", "Leading", "Associate", "Assistant", "Former", "Managing", "Scientific", "Academic",
                   "Permanent", "Extraordinary", "Plenipotentiary")
UNIT_HEADS = ("Institute", "Center", "Centre", "Technopark", "Laboratory", "Faculty", "School", "Department",
              "Museum", "Library", "Park", "Observatory", "Clinic", "Hospital", "College", "Lyceum")
"""Kinds of institution that are often a unit of the university or academy a meeting is held at."""
BODY_WORDS = ("Board", "Department", "Division", "Directorate", "Section", "Unit", "Management", "Committee",
              "Commission")
NOT_NAME_WORDS = set(ORG_HEADS) | set(TITLE_HEADS) | set(TITLE_MODIFIERS) | set(BODY_WORDS) | set(LEGAL_FORMS) | {
    "The", "A", "An", "Republic", "Federal", "State", "National", "Scientific", "Educational", "Sciences",
    "During", "At", "In", "On", "After", "Additionally", "Subsequently", "This", "These", "It", "He", "She",
    "They", "We", "Mr", "Ms", "Mrs", "Dr", "Prof", "Pr", "Kazan", "Moscow", "Tashkent", "Uzbekistan", "Tatarstan",
    "Russia", "Russian", "Of", "And", "For", "Cooperation", "International", "Regional", "Technology",
    "Technologies", "Innovation", "Digital", "Transformation", "Education", "Continuing", "Professional",
    "Retraining", "Import", "Optimization", "Localization", "Expansion", "Relations", "Chemical", "Delegation",
    "Visit", "Meeting", "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday", "Uzbek", "Tatar", "Special", "Main", "University", "Center", "Development", "Research", "States",
    "Federation", "Kingdom", "Emirates", "Africa", "America", "Asia", "Europe", "Arabia", "Lanka", "Korea", "Campus",
    "Language", "Languages", "Culture", "Studies", "Affairs", "Programs", "Programmes", "New", "Sudan", "China",
    "India", "Pakistan", "Nigeria", "Ghana", "Kenya", "Egypt", "Iran", "Iraq", "Turkey", "Japan", "Italy", "Germany",
    "France", "Spain", "Mexico", "Brazil", "Canada", "Bangladesh", "Nepal", "Romania", "Ukraine", "Belarus",
    "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Azerbaijan", "Armenia", "Vietnam", "Malaysia", "Indonesia", "Thailand",
    "Gambia", "Uganda", "Tanzania", "Zambia", "Malawi", "Ethiopia", "Morocco", "Syria", "Afghanistan", "Delhi"}
ABBREVIATIONS = {"Mr", "Ms", "Mrs", "Dr", "Prof", "St", "No", "Jr", "Sr", "vs", "etc", "e.g", "i.e", "Inc", "Ltd",
                 "Co", "Corp", "Acad", "Assoc", "Md", "Pr"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
TITLE_STOP_WORDS = ("was", "were", "is", "are", "has", "have", "had", "by", "met", "received", "welcomed", "commended",
                    "led", "headed", "accompanied", "said", "called", "visited", "thanked", "noted", "presented",
                    "and the")
"""Words a title does not run over ("the Vice Chancellor was accompanied by the Deputy Vice Chancellor, NAME")."""
