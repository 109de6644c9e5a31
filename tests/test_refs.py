"""Reference spans «[[id|мод…]]» in order texts, expanded into the seeds' exact sentences."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderforge.diagnostics import Pos
from orderforge.planmodel import Party, Person
from orderforge.refs import (
    ALLOWED,
    RefSpan,
    expand_refs,
    find_refs,
    party_phrase,
    person_phrase,
    ref_problems,
    span_problems,
)
from orderforge.slotted import replace

HERE = Pos("directory.yaml", 1, 1)


def person(key: str, surname: str, initials: str | None, gender: str | None, position: str | None,
           name: str | None = None, patronymic: str | None = None) -> Person:
    return Person(key, surname, name, patronymic, initials, gender, position, None, HERE)


DIRECTORY: dict[str, Person | Party] = {
    "voropaeva": person("voropaeva", "Воропаева", "Е.В.", "f", "заместитель директора"),
    "izotova": person("izotova", "Изотова", "А.И.", "f", "заместитель директора"),
    "bobrov": person("bobrov", "Бобров", "В.С.", "m", "заместитель директора"),
    "potapenko": person("potapenko", "Потапенко", "С.М.", None, "заместитель директора"),
    "vaitkene": person("vaitkene", "Вайткене", "О.В.", "f", "заместитель директора"),
    "petukhova": person("petukhova", "Петухова", "Т.М.", "f", "Председатель комитета по образованию"),
    "grivusevich": person("grivusevich", "Гривусевич", "Г.В.", "f",
                          "начальник управления общего образования комитета по образованию"),
    "alekseychuk": person("alekseychuk", "Алексейчук", "Ю.Я.", None, None),
    "sergeeva": person("sergeeva", "Сергеева", "Н.В.", "f", "директор МКУ ЦОРП КПО"),
    "petropavlovskaya": person("petropavlovskaya", "Петропавловская", None, None,
                               "начальник отдела дошкольного, общего и дополнительного образования "
                               "Управления образования администрации БГО", "Наталья", "Николаевна"),
    "nechaeva": person("nechaeva", "Нечаева", None, None,
                       "заведующая методическим кабинетом Управления образования администрации БГО",
                       "Ирина", "Александровна"),
    "matasova": person("matasova", "Матасова", "О.И.", "f",
                       "Заместитель главы администрации – начальник Управления образования администрации БГО"),
    "preschool-dept": Party("preschool-dept",
                            "Отдел дошкольного, общего и дополнительного образования Управления образования БГО", HERE),
    "cabinet": Party("cabinet", "Методический кабинет Управления образования администрации БГО", HERE),
    "school-dept": Party("school-dept",
                         "Отдел школьного образования управления общего образования комитета по образованию", HERE),
    "ЦОРП": Party("ЦОРП", "МКУ ЦОРП КПО", HERE),
    "ОУ": Party("ОУ", "муниципальные общеобразовательные учреждения", HERE),
}


def resolve(span: RefSpan) -> str:
    entry = DIRECTORY[span.key]
    return person_phrase(entry, span) if isinstance(entry, Person) else party_phrase(entry, span)


def expand(text: str) -> str:
    spans, problems = find_refs(text)
    assert problems == []
    return expand_refs(text, resolve)


@pytest.mark.parametrize("text, expected", [
    # seed 003
    ("Назначить школьным координатором реализации Дорожной карты [[voropaeva|вин|+должность]].",
     "Назначить школьным координатором реализации Дорожной карты Воропаеву Е.В., заместителя директора."),
    ("Заместителям директора ([[voropaeva|дат]], [[izotova|дат]], [[bobrov|дат]], [[potapenko|дат]], "
     "[[vaitkene|дат]]) методическое, информационное, организационно-технологическое и аналитическое сопровождение",
     "Заместителям директора (Воропаевой Е.В., Изотовой А.И., Боброву В.С., Потапенко С.М., Вайткене О.В.) "
     "методическое, информационное, организационно-технологическое и аналитическое сопровождение"),
    # seed 001
    ("[[petropavlovskaya|вин|фио|+должность]];",
     "Петропавловскую Наталью Николаевну, начальника отдела дошкольного, общего и дополнительного образования "
     "Управления образования администрации БГО;"),
    ("[[nechaeva|+должность|фио|вин]];",
     "Нечаеву Ирину Александровну, заведующую методическим кабинетом Управления образования администрации БГО;"),
    ("[[preschool-dept|дат]], [[petropavlovskaya|дат]]:",
     "Отделу дошкольного, общего и дополнительного образования Управления образования БГО, Петропавловской Н.Н.:"),
    ("[[cabinet|дат]], [[nechaeva|дат]]:",
     "Методическому кабинету Управления образования администрации БГО, Нечаевой И.А.:"),
    ("Контроль исполнения приказа возложить на [[petropavlovskaya|вин|+должность]], [[nechaeva|вин|+должность]]",
     "Контроль исполнения приказа возложить на Петропавловскую Н.Н., начальника отдела дошкольного, общего и "
     "дополнительного образования Управления образования администрации БГО, Нечаеву И.А., заведующую методическим "
     "кабинетом Управления образования администрации БГО"),
    # seed 000
    ("Контроль за исполнением настоящего приказа возложить на [[grivusevich|вин|должность+]].",
     "Контроль за исполнением настоящего приказа возложить на начальника управления общего образования комитета "
     "по образованию Гривусевич Г.В."),
    ("[[school-dept|дат]] ([[alekseychuk]]) обеспечить контроль исполнения мероприятий Дорожной карты.",
     "Отделу школьного образования управления общего образования комитета по образованию (Алексейчук Ю.Я.) "
     "обеспечить контроль исполнения мероприятий Дорожной карты."),
    ("[[ЦОРП]] ([[sergeeva]]) обеспечить:", "МКУ ЦОРП КПО (Сергеева Н.В.) обеспечить:"),
])
def test_seed_sentences(text: str, expected: str) -> None:
    assert expand(text) == expected


def test_signature_form_and_default_case() -> None:
    assert expand("[[petukhova|подпись]]") == "Т.М. Петухова"
    assert expand("[[matasova|подпись|им]]") == "О.И. Матасова"
    assert expand("[[voropaeva]]") == "Воропаева Е.В."


def test_position_reads_mid_sentence_and_capitalises_at_a_sentence_start() -> None:
    assert (expand("возложить на [[petukhova|вин|должность+]]")
            == "возложить на председателя комитета по образованию Петухову Т.М.")
    assert expand("[[grivusevich|дат|должность+]] обеспечить.") == \
        "Начальнику управления общего образования комитета по образованию Гривусевич Г.В. обеспечить."
    assert expand("Утвердить план. [[ОУ|дат]] обеспечить") == \
        "Утвердить план. Муниципальным общеобразовательным учреждениям обеспечить"
    assert (expand("довести до Воропаевой Е.В. [[ОУ|род]]")
            == "довести до Воропаевой Е.В. муниципальных общеобразовательных учреждений")
    assert expand("[[matasova|тв|должность+]]") == \
        "Заместителем главы администрации – начальником Управления образования администрации БГО Матасовой О.И."


def test_plural_of_a_position_and_a_party() -> None:
    assert expand("[[bobrov|дат|+должность|мн]]") == "Боброву В.С., заместителям директора"
    assert expand("[[cabinet|дат|мн]]") == "Методическим кабинетам Управления образования администрации БГО"


def test_span_fields() -> None:
    text = "на [[grivusevich|вин|должность+]]."
    (span,), problems = find_refs(text)
    assert problems == []
    assert span == RefSpan(3, 33, "grivusevich", "acc", "short", "before", False, "[[grivusevich|вин|должность+]]")
    assert text[span.start:span.end] == span.raw
    (span,), _ = find_refs("[[ ЦОРП | ДАТ | мн ]]")
    assert (span.key, span.case, span.plural) == ("ЦОРП", "dat", True)


def test_only_spans_change() -> None:
    text = "{{ 7*7 }} {% if x %} [x] [[voropaeva|род]] & <b> [ [не ссылка] ]"
    assert expand_refs(text, resolve) == "{{ 7*7 }} {% if x %} [x] Воропаевой Е.В. & <b> [ [не ссылка] ]"
    assert expand_refs("без ссылок", resolve) == "без ссылок"


@given(st.text(alphabet=st.sampled_from("аБ [ ]|{}%.\n«»-"), max_size=40).filter(lambda t: "[[" not in t))
def test_text_without_spans_is_returned_as_is(text: str) -> None:
    assert find_refs(text) == ([], [])
    assert expand_refs(text, resolve) == text


def test_unknown_and_conflicting_modifiers() -> None:
    spans, problems = find_refs("[[voropaeva|дательный]] и [[bobrov|дат|вин]] и [[izotova|фио|подпись]]")
    assert [s.key for s in spans] == ["voropaeva", "bobrov", "izotova"]
    assert problems == [
        "неизвестный модификатор «дательный» в ссылке «[[voropaeva|дательный]]»: допустимы " + ", ".join(ALLOWED),
        "в ссылке «[[bobrov|дат|вин]]» падеж указан дважды: «дат» и «вин»",
        "в ссылке «[[izotova|фио|подпись]]» вид имени указан дважды: «фио» и «подпись»",
    ]
    assert "им, род, дат, вин, тв, пр, кратко, фио, подпись, +должность, должность+, мн" in problems[0]
    assert spans[0].case == "nom" and spans[1].case == "dat"


def test_empty_id_and_unclosed_span_are_located() -> None:
    text = "Поручить [[|дат]] и [[voropaeva|дат]"
    assert ref_problems(text) == [
        (9, "в ссылке «[[|дат]]» не указан код или id из справочника"),
        (20, "ссылка «[[» не закрыта: ожидается «[[id]]» или «[[id|дат]]»"),
    ]
    spans, problems = find_refs(text)
    assert len(spans) == 1 and len(problems) == 2


def test_span_problems_need_the_directory() -> None:
    (span,), _ = find_refs("[[ЦОРП|дат|+должность]]")
    (problem,) = span_problems(span, DIRECTORY["ЦОРП"])
    assert "организация" in problem
    (span,), _ = find_refs("[[alekseychuk|вин|+должность|фио]]")
    assert span_problems(span, DIRECTORY["alekseychuk"]) == [
        "в ссылке «[[alekseychuk|вин|+должность|фио]]» нужна должность, "
        "а у «alekseychuk» в справочнике её нет (position)",
        "в ссылке «[[alekseychuk|вин|+должность|фио]]» нужно полное имя, "
        "а у «alekseychuk» в справочнике нет имени (name)",
    ]
    (span,), _ = find_refs("[[voropaeva|вин|+должность]]")
    assert span_problems(span, DIRECTORY["voropaeva"]) == []


def test_directory_forms_win() -> None:
    def with_forms(entry: Person | Party, **forms: dict[str, str]) -> Person | Party:
        """The Person or Party with ``forms``/``position_forms`` set, as the directory's «формы:» sets them."""
        return replace(entry, **forms)

    alekseychuk = with_forms(DIRECTORY["alekseychuk"], forms={"dat": "Алексейчуку"})
    (span,), _ = find_refs("[[alekseychuk|дат]]")
    assert person_phrase(alekseychuk, span) == "Алексейчуку Ю.Я."
    voropaeva = with_forms(DIRECTORY["voropaeva"], position_forms={"acc": "заместителя директора гимназии"})
    (span,), _ = find_refs("[[voropaeva|вин|+должность]]")
    assert person_phrase(voropaeva, span) == "Воропаеву Е.В., заместителя директора гимназии"
    centre = with_forms(DIRECTORY["ЦОРП"], forms={"dat": "МКУ «Центр оценки и развития»"})
    (span,), _ = find_refs("[[ЦОРП|дат]]")
    assert party_phrase(centre, span) == "МКУ «Центр оценки и развития»"


# ---------------------------------------------------------------- list items after a colon (issue 10)

COLON_PLAN = """\
format: 1
style: kaliningrad-committee
directory:
  parties:
    МКУО: Методический кабинет Управления образования администрации БГО
    ОО: общеобразовательные организации
  people:
    ganiev: {surname: Ганиев, initials: Р.И., gender: m, position: главный специалист}
    ivanova: {surname: Иванова, initials: А.А., gender: f, position: директор МАОУ гимназии № 1}
order:
  issuer: [Комитет по образованию]
  date: 2026-02-11
  number: '1'
  title: Об утверждении плана
  signatory: ganiev
  points:
    - text: 'Назначить ответственными:'
      items:
        - '[[ganiev|вин|должность+]];'
        - '[[ivanova|вин|+должность]];'
        - 'Руководителей общеобразовательных организаций.'
      list: dash
    - text: 'Обеспечить:'
      items:
        - 'Директору МАОУ гимназии № 1 – контроль;'
        - '[[МКУО|дат]] – сопровождение;'
        - 'Калининградской областной библиотеке – выставку.'
      list: numbered
    - text: 'Установить:'
      items:
        - 'Отчёты сдаются ежемесячно.'
        - 'Директор школы утверждает график.'
      list: dash
    - text: |-
        Провести:
        - Совещание руководителей;
        - [[ganiev|дат|должность+]] доложить.
plan:
  title: План мероприятий
  period: 2026
  activities:
    - text: Анализ
      deadline: май 2026 г.
      responsible: [ОО]
"""


def test_items_after_a_colon_start_in_lower_case_unless_a_proper_name(tmp_path) -> None:
    from orderforge.planfile import load_plan
    from orderforge.resolve import order_context
    from orderforge.style import load_style
    from orderforge.typography import plain

    path = tmp_path / "plan.yaml"
    path.write_text(COLON_PLAN, encoding="utf-8")
    plan, report = load_plan(path)
    assert plan is not None and not report.has_errors, [d.format() for d in report]
    body = [plain(p) for p in order_context(plan, load_style(plan.style, tmp_path))["body"]]
    assert body == [
        "1. Назначить ответственными:",
        "– главного специалиста Ганиева Р.И.;",
        "– Иванову А.А., директора МАОУ гимназии № 1;",
        "– руководителей общеобразовательных организаций.",
        "2. Обеспечить:",
        "1) директору МАОУ гимназии № 1 – контроль;",
        "2) Методическому кабинету Управления образования администрации БГО – сопровождение;",
        "3) Калининградской областной библиотеке – выставку.",
        "3. Установить:",
        "– Отчёты сдаются ежемесячно.",        # whole sentences, each with its full stop, keep their capitals
        "– Директор школы утверждает график.",
        "4. Провести:",
        "– совещание руководителей;",
        "– главному специалисту Ганиеву Р.И. доложить.",
    ]


def test_expand_refs_mid_sentence_keeps_the_directory_form() -> None:
    assert expand_refs("[[grivusevich|дат|должность+]]", resolve, sentence_start=False) == \
        "начальнику управления общего образования комитета по образованию Гривусевич Г.В."
    assert expand_refs("[[grivusevich|дат|должность+]]", resolve).startswith("Начальнику")
