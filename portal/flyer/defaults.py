"""The first version of the national flyer text, in our own words after the jobcenter text in
the seed text summarised in docs/domain.md. Admins change it in the portal (new versions)."""

from datetime import date

DEFAULT_TEXT: dict = {
    "title": "Seks gode grunde til at arbejde med socialøkonomiske virksomheder",
    "intro": (
        "Socialøkonomiske virksomheder kan være første trin på vejen til job for borgere på kanten af "
        "arbejdsmarkedet. Som medarbejder i jobcentret kan du bruge dem som afsæt, når en ledig skal "
        "tættere på det ordinære arbejdsmarked."
    ),
    "reasons": [
        {
            "title": "Det kan betale sig",
            "text": "Samarbejdet får flere i arbejde og flytter flere tættere på arbejdsmarkedet. "
            "Det er først og fremmest derfor, det er værd at prioritere.",
        },
        {
            "title": "Meningsfuldt arbejde, der passer til borgeren",
            "text": "Virksomhederne er skræddersyet til mennesker, der ikke kan følge med mentalt eller "
            "fysisk i en ordinær virksomhed og har svært ved at finde arbejde andre steder.",
        },
        {
            "title": "Plads til flere – og en positiv spiral",
            "text": "Virksomhederne er mere rummelige. Når borgeren får fodfæste på arbejdsmarkedet, "
            "følger bedre økonomi og bedre helbred ofte med.",
        },
        {
            "title": "Mening, ro og selvværd",
            "text": "Arbejdet kan give de ansatte mening i hverdagen og i livet – og skabe ro og et "
            "styrket selvværd.",
        },
        {
            "title": "Socialfaglig støtte på stedet",
            "text": "Mange af virksomhederne har socialfaglige kompetencer i huset, som hjælper den "
            "enkelte med at blive på arbejdsmarkedet.",
        },
        {
            "title": "Liv i landdistrikterne",
            "text": "Samarbejdet kan være en løftestang for landdistriktsudvikling, fx når der skabes "
            "lokale arbejdspladser, butikker og servicevirksomheder.",
        },
    ],
    "nuance_title": "En nuance på paletten",
    "nuance_text": (
        "Socialøkonomiske virksomheder er ét redskab blandt flere. Målet er det samme, uanset om "
        "borgeren kommer i gang i en socialøkonomisk virksomhed eller i en socialt ansvarlig "
        "virksomhed, der fx ansætter med løntilskud."
    ),
    "sparring_title": "Erfarne sparringspartnere",
    "sparring_text": (
        "Virksomhederne har indgående erfaring med udsatte borgere og ved, hvad der skal til, for at "
        "netop deres målgruppe kommer i job. Brug dem som sparringspartner i dine sager."
    ),
    "rule_title": "Rimelighedskravet",
    "rule_text": (
        "En arbejdsplads må højst have 1 person i virksomhedspraktik eller løntilskud pr. 5 ordinært "
        "ansatte op til 50 ansatte (dog altid mindst 1), plus 1 pr. 10 ordinært ansatte derover. "
        "Fleksjob tæller ikke med. Skånejob (job med løntilskud for førtidspensionister) kan undtages med en "
        "dispensation fra det regionale arbejdsmarkedsråd (RAR). Tjek de gældende regler, før et "
        "forløb aftales."
    ),
    "rules_as_of": date(2026, 11, 27),
}
