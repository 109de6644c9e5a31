"""``orderforge amend``: the order «О внесении изменений …» in the legal phrasing clerks use."""

from __future__ import annotations

from pathlib import Path

import pytest

from orderforge.amendwording import amendment_clauses
from orderforge.diff import diff_specs
from orderforge.docxtext import docx_text
from orderforge.style import load_style
from orderforge.typography import plain

from .conftest import TEMPLATES
from .planhelpers import GitRepo, four_edits, four_edits_repo, run

PLAN = "plans/kaliningrad-committee-2026.yaml"
HOUSE_AMEND = TEMPLATES / "kaliningrad-committee" / "amend.docx"

FOUR_CLAUSES = [
    "в пункте 1.2 слова «Февраль 2026 г.» заменить словами «Март 2026 г.»",
    "пункт 2.4 исключить",
    "пункт 3.5 исключить",
    "пункт 2.3 считать пунктом 2.4",
    "пункт 3.6 считать пунктом 3.5",
    "дополнить новым пунктом 2.3 следующего содержания:",
    "дополнить пунктом 3.6 следующего содержания:",
]
NEW_ROW = [
    "«2.3. Анкетирование родителей обучающихся об объективности оценивания",
    "Сроки исполнения: Октябрь 2026 г.",
    "Ответственный: ОУ",
    "Результат: Аналитическая справка по итогам анкетирования»;",
]
MOVED_ROW_START = "«3.6. Организация персонального контроля учителей-предметников ОУ с необъективными"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """The example plan committed as signed (and tagged), then edited four ways (not committed)."""
    return four_edits_repo(tmp_path, monkeypatch, PLAN, "План утверждён приказом от 11.02.2026 № ПД-КПО-113",
                           tag="подписан-2026-02-11")


def minimal_amend_template(path: Path) -> None:
    """An order-only docxtpl template with the same context keys as the house style's."""
    from docx import Document

    doc = Document()
    for text in [
        "{%p for line in order.issuer_lines %}", "{{ line }}", "{%p endfor %}", "{{ order.kind }}",
        "{{ order.date }} {{ order.number }}", "{{ order.place }}",
        "{%p for line in order.title_lines %}", "{{ line }}", "{%p endfor %}",
        "{%p for para in order.preamble %}", "{{ para }}{% if loop.last %} {{ order.operative }}{% endif %}",
        "{%p endfor %}",
        "{%p for point in order.body %}", "{{ point }}", "{%p endfor %}",
        "{%p for line in order.signature.position_lines %}", "{{ line }}", "{%p endfor %}",
        "{{ order.signature.name }}",
    ]:
        doc.add_paragraph(text)
    doc.save(str(path))


def lines_of(docx: Path) -> list[str]:
    return [plain(line) for line in docx_text(docx).splitlines()]


def clause_texts(lines: list[str]) -> list[str]:
    """«1) пункт 3.5 исключить;» → «пункт 3.5 исключить»: the numbered sub-points of point 1."""
    import re

    return [re.sub(r"^\d+\) ", "", line).rstrip(";.") for line in lines if re.match(r"^\d+\) ", line)]


def assert_four_clauses(lines: list[str]) -> None:
    assert clause_texts(lines) == FOUR_CLAUSES
    start = lines.index("6) дополнить новым пунктом 2.3 следующего содержания:")
    assert lines[start + 1:start + 5] == NEW_ROW
    moved = lines.index("7) дополнить пунктом 3.6 следующего содержания:")
    assert lines[moved + 1].startswith(MOVED_ROW_START)
    assert lines[moved + 4] == "Результат: Создание локальных актов ОУ»."


def test_clauses_of_the_four_edits(repo: GitRepo) -> None:
    result = diff_specs(PLAN)
    clauses = amendment_clauses(result, load_style("kaliningrad-committee", repo.root / "plans"))
    assert [plain(c[0]).rstrip(";.") for c in clauses] == FOUR_CLAUSES
    assert [plain(p) for p in clauses[5][1:]] == NEW_ROW


def _amend_and_read(repo: GitRepo, *extra: str) -> list[str]:
    result = run("amend", f"HEAD:{PLAN}", PLAN, "--number", "ПД-КПО-150", "--date", "2026-06-01", *extra)
    assert result.exit_code == 0, result.output
    target = repo.root / "output" / "kaliningrad-committee-2026.amend-2026-06-01.docx"
    assert f"{PLAN} → output/kaliningrad-committee-2026.amend-2026-06-01.docx (изменений: 7)" in result.output
    return lines_of(target)


def assert_order_frame(lines: list[str]) -> None:
    assert "О внесении изменений в приказ комитета по образованию администрации городского округа " \
           "«Город Калининград» от 11.02.2026 г. № ПД-КПО-113" in lines
    head = next(line for line in lines if line.startswith("1. Внести в "))
    assert head == (
        "1. Внести в План мероприятий («Дорожная карта») по итогам анализа результатов оценочных процедур, "
        "направленных на повышение качества образования в городском округе «Город Калининград», на 2026–2028 "
        "годы, утвержденный приказом комитета по образованию администрации городского округа «Город "
        "Калининград» от 11.02.2026 г. № ПД-КПО-113, следующие изменения:")
    assert any(line.startswith("В связи с необходимостью корректировки Плана мероприятий («Дорожная карта»)")
               for line in lines)
    assert any(line.startswith("2. Контроль за исполнением настоящего приказа возложить") for line in lines)
    assert lines[-1].endswith("Т.М. Петухова")


@pytest.mark.skipif(not HOUSE_AMEND.is_file(), reason="шаблон templates/kaliningrad-committee/amend.docx ещё не "
                    "добавлен (его делает tools/make_template.py); тест включится сам, когда файл появится")
def test_amend_docx_in_the_house_style(repo: GitRepo) -> None:
    lines = _amend_and_read(repo)
    assert_four_clauses(lines)
    assert_order_frame(lines)
    assert any("01" in line and "06" in line and "2026" in line and "ПД-КПО-150" in line for line in lines)


def test_amend_docx_through_the_render_pipeline(repo: GitRepo) -> None:
    """The same with an order-only template made here: the pipeline works whatever the house template is."""
    minimal_amend_template(repo.root / "templates" / "kaliningrad-committee" / "amend.docx")
    lines = _amend_and_read(repo)
    assert_four_clauses(lines)
    assert_order_frame(lines)
    assert "от «01» 06 2026 г. № ПД-КПО-150" in lines
    assert "П Р И К А З" in lines


def test_amend_against_a_tag_with_an_order_file(repo: GitRepo) -> None:
    minimal_amend_template(repo.root / "templates" / "kaliningrad-committee" / "amend.docx")
    (repo.root / "amend.yaml").write_text(
        "number: ПД-КПО-151\ndate: 02.06.2026\npreamble: В целях уточнения сроков мероприятий\ncontrol: self\n",
        encoding="utf-8")
    out = repo.root / "output" / "изменения.docx"
    result = run("amend", f"подписан-2026-02-11:{PLAN}", PLAN, "--order", "amend.yaml", "-o", str(out))
    assert result.exit_code == 0, result.output
    lines = lines_of(out)
    assert "от «02» 06 2026 г. № ПД-КПО-151" in lines
    assert "В целях уточнения сроков мероприятий п р и к а з ы в а ю:" in lines
    assert "2. Контроль за исполнением настоящего приказа оставляю за собой." in lines
    assert_four_clauses(lines)
    again = run("amend", f"подписан-2026-02-11:{PLAN}", PLAN, "--order", "amend.yaml", "-o", str(out))
    assert again.exit_code == 2 and "файл уже существует" in again.output and "--force" in again.output
    assert run("amend", f"подписан-2026-02-11:{PLAN}", PLAN, "--order", "amend.yaml", "-o", str(out),
               "--force").exit_code == 0


def test_full_redaction_and_word_clauses(repo: GitRepo) -> None:
    plan = repo.root / PLAN
    repo.git("checkout", "--", PLAN)
    text = plan.read_text(encoding="utf-8")
    text = text.replace("итоговой аттестации ОУ за последние три года", "итоговой аттестации ОУ за последние пять лет")
    text = text.replace("          responsible: [ОУ]\n"
                        "          result: Создание локальных актов ОУ\n        - id: internal",
                        "          responsible: [ЦОРП]\n"
                        "          result: Создание локальных актов ОУ\n        - id: internal")
    text = text.replace("          deadline: апрель – май 2026 г.\n"
                        "          responsible: [ЦОРП]\n          result: Определение",
                        "          deadline: апрель – июнь 2026 г.\n"
                        "          responsible: [ЦОРП, ОУ]\n          result: Определение")
    plan.write_text(text, encoding="utf-8")
    clauses = amendment_clauses(diff_specs(PLAN), load_style("kaliningrad-committee", repo.root / "plans"))
    flat = [[plain(p) for p in c] for c in clauses]
    assert flat[0] == ["в пункте 2.1 слова «три года» заменить словами «пять лет»;"]
    assert flat[1][0] == "пункт 2.3 изложить в следующей редакции:"
    assert flat[1][1].startswith("«2.3. Диагностика уровня сформированности предметных компетенций")
    assert flat[1][2:4] == ["Сроки исполнения: апрель – июнь 2026 г.", "Ответственный: ЦОРП, ОУ"]
    assert flat[1][-1].endswith("»;")
    # «ОУ» is also in the text of 2.4, so the column is named.
    assert flat[2] == ["в графе «Ответственный» пункта 2.4 слово «ОУ» заменить словом «ЦОРП»."]


def test_usage_errors(repo: GitRepo) -> None:
    result = run("amend", f"HEAD:{PLAN}", PLAN, "--date", "2026-06-01")
    assert result.exit_code == 2 and "не указаны реквизиты нового приказа: --number" in result.output
    result = run("amend", f"HEAD:{PLAN}", PLAN, "--number", "1", "--date", "31.02.2026")
    assert result.exit_code == 2 and "OF646: даты «31.02.2026» не существует" in result.output  # as in a plan's date:
    result = run("amend", f"HEAD:{PLAN}", PLAN, "--number", "1", "--date", "1 июня")
    assert result.exit_code == 2 and "OF646: дата «1 июня» не распознана" in result.output
    result = run("amend", f"HEAD:{PLAN}", f"HEAD:{PLAN}", "--number", "1", "--date", "2026-06-01")
    assert result.exit_code == 1 and "вносить нечего" in result.output
    if not HOUSE_AMEND.is_file():
        result = run("amend", f"HEAD:{PLAN}", PLAN, "--number", "1", "--date", "2026-06-01")
        assert result.exit_code == 2 and "нет шаблона приказа о внесении изменений (amend.docx)" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["new", "fmt", "diff", "amend"])
def test_help_is_russian_with_an_example(command: str, repo_root: Path) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert result.output.startswith(f"Использование: orderforge {command}")
    assert "Пример:" in result.output
    for english in ("Usage", "Options", "Show this message"):
        assert english not in result.output


# --------------------------------------------------------------------------- renumbering

from .planhelpers import kaliningrad_pair, swap_sections  # noqa: E402


def test_swapped_sections_renumber_headings_and_items_in_one_clause_each(tmp_path: Path) -> None:
    """Two clauses read one after the other would leave two sections 3 in between: «соответственно» does it at once."""
    old, new = kaliningrad_pair(tmp_path, swap_sections)
    clauses = amendment_clauses(diff_specs(str(old), str(new)), load_style("kaliningrad-committee", tmp_path))
    assert [[plain(p) for p in c] for c in clauses] == [
        ["разделы 2 и 3 считать соответственно разделами 3 и 2;"],
        ["пункты 2.1–2.9 и 3.1–3.6 считать соответственно пунктами 3.1–3.9 и 2.1–2.6."],
    ]


# --------------------------------------------------------------------------- refusing a bad order

def _amend(*extra: str) -> object:
    return run("amend", f"HEAD:{PLAN}", PLAN, *extra)


def test_a_new_version_that_fails_validation_is_refused(repo: GitRepo) -> None:
    plan = repo.root / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace("responsible: [ЦОРП]", "responsible: [ЦОПР]", 1),
                    encoding="utf-8")
    result = _amend("--number", "1", "--date", "2026-06-01")
    assert result.exit_code == 1, result.output
    assert "ошибка OF201: ответственный «ЦОПР» не найден в справочнике" in result.output
    assert "возможно, имелось в виду «ЦОРП»" in result.output and "OF649" in result.output
    assert f"{PLAN}:" in result.output  # file:line:col of the mistake
    assert not (repo.root / "output").exists()


def test_a_rolled_over_plan_with_empty_number_and_date_is_refused(repo: GitRepo) -> None:
    repo.git("checkout", "--", PLAN)
    rolled = "plans/kaliningrad-committee-2027.yaml"
    assert run("new", rolled, "--from", PLAN, "--year", "2027").exit_code == 0
    result = run("amend", f"HEAD:{PLAN}", rolled, "--number", "1", "--date", "2027-03-01")
    assert result.exit_code == 1
    assert "пустое значение ключа «number»" in result.output and "пустое значение ключа «date»" in result.output


def test_unknown_signatory_in_the_order_file(repo: GitRepo) -> None:
    (repo.root / "o.yaml").write_text("number: 5\ndate: 2026-06-01\nsignatory: nobody\n", encoding="utf-8")
    result = _amend("--order", "o.yaml")
    assert result.exit_code == 1
    assert "o.yaml:3:12: ошибка OF202: подписант «nobody» не найден среди людей справочника" in result.output
    assert "возможно, имелось в виду: «petukhova» (Петухова Т.М.)" in result.output
    (repo.root / "o.yaml").write_text("number: 5\ndate: 2026-06-01\nsignatory: petuhova\n", encoding="utf-8")
    assert "возможно, имелось в виду «petukhova»" in _amend("--order", "o.yaml").output


def test_an_order_dated_before_the_order_it_amends(repo: GitRepo) -> None:
    result = _amend("--number", "1", "--date", "2020-01-01")
    assert result.exit_code == 2
    assert "ошибка OF647: приказ о внесении изменений датирован 01.01.2020 — раньше изменяемого приказа " \
           "от 11.02.2026" in result.output
    assert "Traceback" not in result.output


def test_missing_issuer_genitive_is_a_warning(repo: GitRepo) -> None:
    minimal_amend_template(repo.root / "templates" / "kaliningrad-committee" / "amend.docx")
    plan = repo.root / PLAN
    repo.git("checkout", "--", PLAN)
    text = plan.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines(keepends=True) if x.startswith("  issuer_genitive:"))
    plan.write_text(text.replace(line, ""), encoding="utf-8")
    repo.commit("Без issuer_genitive")
    plan.write_text(four_edits(text.replace(line, "")), encoding="utf-8")
    result = _amend("--number", "1", "--date", "2026-06-01")
    assert result.exit_code == 0, result.output
    assert f"HEAD:{PLAN}:16:5: предупреждение OF648: в изменяемом приказе не указан issuer_genitive" in result.output


# --------------------------------------------------------------------------- wording

def _clauses(tmp_path: Path, edit: object) -> list[list[str]]:
    old, new = kaliningrad_pair(tmp_path, edit)  # type: ignore[arg-type]
    clauses = amendment_clauses(diff_specs(str(old), str(new)), load_style("kaliningrad-committee", tmp_path))
    return [[plain(p) for p in c] for c in clauses]


def test_passport_row_one_dash_item_per_paragraph(tmp_path: Path) -> None:
    clauses = _clauses(tmp_path, lambda t: t.replace("- активизировать участие родительской общности",
                                                     "- расширить участие родительской общности"))
    assert len(clauses) == 1
    clause = clauses[0]
    assert clause[0] == "строку «Задачи» паспорта Плана изложить в следующей редакции:"
    assert clause[1].startswith("«– разработать на муниципальном уровне «Дорожную карту")
    assert clause[1].endswith("на 2026-2028 годы;")
    assert len(clause) == 6 and all(p.startswith(("«– ", "– ")) for p in clause[1:])
    assert clause[-1] == "– расширить участие родительской общности в деятельности ОУ»."
    assert not any(";;" in p for p in clause)


@pytest.mark.parametrize("before, after, expected", [
    ("три года", "3 года", "в пункте 2.1 слово «три» заменить цифрой «3»."),
    ("три года", "5 лет", "в пункте 2.1 слова «три года» заменить словами «5 лет»."),
])
def test_word_and_digit_nouns_agree_with_the_quote(tmp_path: Path, before: str, after: str, expected: str) -> None:
    clauses = _clauses(tmp_path, lambda t: t.replace(f"за последние {before}", f"за последние {after}"))
    assert clauses == [[expected]]


def test_digit_nouns() -> None:
    from orderforge.amendwording import _WHAT, _WITH, _words

    assert (_words("5", _WHAT), _words("10", _WITH)) == ("цифру", "цифрами")
    assert (_words("10", _WHAT), _words("3", _WITH)) == ("цифры", "цифрой")
    assert (_words("три", _WHAT), _words("три года", _WITH)) == ("слово", "словами")


def test_signature_position_from_running_text_is_capitalised(repo: GitRepo) -> None:
    minimal_amend_template(repo.root / "templates" / "kaliningrad-committee" / "amend.docx")
    (repo.root / "o.yaml").write_text("number: 5\ndate: 2026-06-01\nsignatory: alekseychuk\n", encoding="utf-8")
    result = _amend("--order", "o.yaml")
    assert result.exit_code == 0, result.output
    lines = lines_of(repo.root / "output" / "kaliningrad-committee-2026.amend-2026-06-01.docx")
    assert lines[-2].startswith("Начальник отдела школьного образования")
    assert lines[-1].endswith("Алексейчук")


def test_only_the_order_points_changed(repo: GitRepo) -> None:
    plan = repo.root / PLAN
    repo.git("checkout", "--", PLAN)
    text = plan.read_text(encoding="utf-8")
    assert "обеспечить контроль исполнения" in text
    plan.write_text(text.replace("обеспечить контроль исполнения", "обеспечить контроль за исполнением"),
                    encoding="utf-8")
    result = _amend("--number", "1", "--date", "2026-06-01")
    assert result.exit_code == 1
    assert f"{PLAN}: предупреждение OF642: изменился текст самого приказа об утверждении (пункт 2)" in result.output
    assert "такой пункт добавьте вручную" in result.output
    assert "ошибка OF644: изменился только текст приказа об утверждении, в самом Плане изменений нет — " \
           "документ не собран" in result.output
    assert "вносить нечего" not in result.output
    assert not (repo.root / "output").exists()


# --------------------------------------------------------------------------- output formats

def test_output_must_be_docx_or_pdf(repo: GitRepo) -> None:
    result = _amend("--number", "1", "--date", "2026-06-01", "-o", "out/x.txt")
    assert result.exit_code == 2
    assert "ошибка OF650: документ записывается в .docx или .pdf, а указано «x.txt»" in result.output
    assert not (repo.root / "out").exists()


def test_pdf_without_libreoffice_is_refused_before_any_work(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    import orderforge.pdf

    monkeypatch.setattr(orderforge.pdf, "find_soffice", lambda: None)
    result = _amend("--number", "1", "--date", "2026-06-01", "-o", "x.pdf")
    assert result.exit_code == 2 and "OF501" in result.output and "-o x.docx" in result.output
    assert not (repo.root / "x.pdf").exists()


def test_pdf_output_is_a_real_pdf(repo: GitRepo) -> None:
    from orderforge.pdf import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice не установлен")
    minimal_amend_template(repo.root / "templates" / "kaliningrad-committee" / "amend.docx")
    result = _amend("--number", "1", "--date", "2026-06-01", "-o", "x.pdf")
    assert result.exit_code == 0, result.output
    assert (repo.root / "x.pdf").read_bytes()[:5] == b"%PDF-"
    assert not list(repo.root.glob("x.docx"))


def test_replaced_words_leave_unchanged_punctuation_out() -> None:
    from orderforge.amendwording import _changed_span

    assert _changed_span("с использованием ЭОР, по графику", "с применением ЭОР, по графику") == (
        "использованием", "применением")
    assert _changed_span("Отчёт (справка).", "Отчёт (протокол).") == ("справка", "протокол")
    assert _changed_span("до мая,", "до июня,") == ("мая", "июня")
    assert _changed_span("один два", "три четыре пять шесть семь") == ("один два", "три четыре пять шесть семь")


def test_a_party_renamed_in_the_directory_is_an_amendment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Baltiysk style prints parties by name: renaming «МК» in the directory changes the printed plan
    though the plan file is untouched. Each side reads the directory of its own revision, so diff shows
    the new name and amend restates the rows that print it."""
    import shutil

    from .conftest import PLANS

    repo = GitRepo(tmp_path / "repo")
    shutil.copytree(PLANS, repo.root / "plans")
    shutil.copytree(TEMPLATES, repo.root / "templates")
    repo.commit("План утверждён")
    monkeypatch.chdir(repo.root)
    directory = repo.root / "plans" / "baltiysk.directory.yaml"
    directory.write_text(directory.read_text(encoding="utf-8").replace(
        "    name: Методический кабинет\n", "    name: Информационно-методический центр\n", 1), encoding="utf-8")
    plan = "plans/baltiysk-2024.yaml"
    shown = run("diff", f"HEAD:{plan}", plan, "--exit-code")
    assert shown.exit_code == 1, shown.output
    assert ("п. 2.1: ответственные: «Управление образования, Методический кабинет, ОО» → "
            "«Управление образования, Информационно-методический центр, ОО»") in shown.output
    out = tmp_path / "amend.docx"
    built = run("amend", f"HEAD:{plan}", plan, "--number", "15", "--date", "2024-03-01", "-o", str(out))
    assert built.exit_code == 0, built.output
    text = plain(docx_text(out))
    assert "пункт 2.1 изложить в следующей редакции:" in text
    assert "Ответственный: Управление образования, Информационно-методический центр, ОО" in text


# --------------------------------------------------------------------------- a plan approved by распоряжение (issue 10)

APPROVED_AMEND = "issuer: Управление образования Зырянского района\nsignatory: samoylova\n"
APPROVED_REFERENCE = "Управления образования Зырянского района от 01.09.2025 № 7-р"


def _approved_pair(tmp_path: Path) -> tuple[Path, Path]:
    from .planhelpers import approved_plan

    old = approved_plan(tmp_path, "old.yaml")
    new = approved_plan(tmp_path, "new.yaml", lambda t: t.replace("deadline: Постоянно", "deadline: Ежегодно", 1))
    return old, new


def test_a_plan_approved_through_approval_is_amended_by_its_own_kind(tmp_path: Path) -> None:
    """Was OF643 «нет приказа… укажите order:»: the распоряжение of the stamp is what is amended."""
    old, new = _approved_pair(tmp_path)
    (tmp_path / "amend.yaml").write_text(APPROVED_AMEND, encoding="utf-8")
    out = tmp_path / "a.docx"
    result = run("amend", str(old), str(new), "--number", "12-р", "--date", "2025-10-01",
                 "--order", str(tmp_path / "amend.yaml"), "-o", str(out))
    assert result.exit_code == 0, result.output
    lines = lines_of(out)
    assert f"О внесении изменений в распоряжение {APPROVED_REFERENCE}" in lines
    head = next(line for line in lines if line.startswith("1. Внести в"))
    assert f"утвержденный распоряжением {APPROVED_REFERENCE}, следующие изменения:" in head
    assert "в пункте 1.1 слова «Постоянно» заменить словами «Ежегодно»." in clause_texts(lines) or \
        any("«Постоянно»" in c and "«Ежегодно»" in c for c in clause_texts(lines))
    assert "РАСПОРЯЖЕНИЕ" in lines and "Управление образования Зырянского района" in lines
    assert "ПРИКАЗ" not in lines and "приказ" not in " ".join(lines)
    assert "Самойлова" in " ".join(lines)


def test_an_approved_plan_without_issuer_says_where_to_give_it(tmp_path: Path) -> None:
    old, new = _approved_pair(tmp_path)
    result = run("amend", str(old), str(new), "--number", "12-р", "--date", "2025-10-01",
                 "-o", str(tmp_path / "a.docx"))
    assert result.exit_code == 1
    assert "OF643" in result.output and "order:" not in result.output
    assert "issuer:" in result.output and "signatory:" in result.output and "--order" in result.output
    assert not (tmp_path / "a.docx").exists()


def test_an_amendment_dated_before_the_approval_is_refused(tmp_path: Path) -> None:
    old, new = _approved_pair(tmp_path)
    (tmp_path / "amend.yaml").write_text(APPROVED_AMEND, encoding="utf-8")
    result = run("amend", str(old), str(new), "--number", "12-р", "--date", "2025-08-01",
                 "--order", str(tmp_path / "amend.yaml"), "-o", str(tmp_path / "a.docx"))
    assert result.exit_code == 2 and "OF647" in result.output
    assert "раньше изменяемого распоряжения от 01.09.2025" in result.output


def test_a_changed_approval_stamp_is_a_warning_not_a_clause(tmp_path: Path) -> None:
    from .planhelpers import approved_plan

    old = approved_plan(tmp_path, "old.yaml")
    new = approved_plan(tmp_path, "new.yaml", lambda t: t.replace("deadline: Постоянно", "deadline: Ежегодно", 1)
                        .replace("number: 7-р", "number: 3-р"))
    (tmp_path / "amend.yaml").write_text(APPROVED_AMEND, encoding="utf-8")
    result = run("amend", str(old), str(new), "--number", "12-р", "--date", "2025-10-01",
                 "--order", str(tmp_path / "amend.yaml"), "-o", str(tmp_path / "a.docx"))
    assert result.exit_code == 0, result.output
    assert "предупреждение OF642: изменился гриф утверждения (номер)" in result.output
    assert "(изменений: 1)" in result.output


@pytest.mark.parametrize("option", ["--number", "--preamble", "--date"])
def test_text_that_is_not_utf8_is_refused_not_written_short(tmp_path: Path, option: str) -> None:
    """A cp1251 terminal: `--number '№ 45'` arrives as lone surrogates; the document once stopped at «№ »."""
    import subprocess
    import sys

    from .conftest import ROOT

    plan = ROOT / "plans" / "kaliningrad-committee-2026.yaml"
    changed = tmp_path / "changed.yaml"
    changed.write_text(plan.read_text(encoding="utf-8").replace("Февраль 2026 г.", "Март 2026 г.", 1), encoding="utf-8")
    out = tmp_path / "amend.docx"
    given: dict[str, str | bytes] = {"--number": "45", "--date": "2026-04-01"}
    given[option] = "№ 45 от 01.04.2026".encode("cp1251")
    args: list[str | bytes] = [sys.executable, "-m", "orderforge", "amend", str(plan), str(changed), "-o", str(out)]
    for key, value in given.items():
        args += [key, value]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin",
                          "LC_ALL": "C.UTF-8", "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 2, done.stderr
    assert "UTF-8" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()
