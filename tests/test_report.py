"""orderforge report: golden text, Russian number agreement, every bundled style, real LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from orderforge.cli import main
from orderforge.diagnostics import UserError
from orderforge.docxtext import docx_text
from orderforge.execreport import parse_report_period, plan_genitive, plural, summary_line
from orderforge.pdf import find_soffice

from .conftest import GOLDEN

EXAMPLES = {
    "kaliningrad-committee-2026": "2026-Q1",
    "baltiysk-2024": "2023",
    "gymnasium1-2022": "2022-H1",
    "zyryansky-2025": "2025/2026",
}


def build(tmp_path: Path, plan: str, period: str) -> Path:
    out = tmp_path / f"{plan}.docx"
    result = CliRunner().invoke(main, ["report", f"plans/{plan}.yaml", "--period", period, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_quarterly_report_text_is_golden(repo_root: Path, tmp_path: Path) -> None:
    out = build(tmp_path, "kaliningrad-committee-2026", "2026-Q1")
    golden = (GOLDEN / "report-kaliningrad-committee-2026-Q1.txt").read_text(encoding="utf-8")
    assert docx_text(out).strip() == golden.strip()


def table_lines(path: Path) -> list[str]:
    """The plan table's rows as ``orderforge text`` prints them, from the header row on."""
    lines = docx_text(path).splitlines()
    start = next(i for i, line in enumerate(lines) if line.replace("\xa0", " ").startswith("№ п/п"))
    return [line for line in lines[start:] if line.strip()]


@pytest.mark.parametrize("plan", ["gymnasium1-2022", "kaliningrad-committee-2026"])
def test_report_table_is_the_plan_table_plus_two_cells(repo_root: Path, tmp_path: Path, plan: str) -> None:
    """Every row of the built plan's table (headings included) is in the report, each activity with two more cells."""
    from orderforge.build import build_plan

    plan_doc = build_plan(Path(f"plans/{plan}.yaml"), tmp_path / "plan").docx
    plan_table = table_lines(plan_doc)
    report_table = table_lines(build(tmp_path, plan, "2026-Q1" if plan.startswith("kal") else "2022"))
    assert len(report_table) == len(plan_table)
    for in_plan, in_report in zip(plan_table, report_table, strict=True):
        if " | " in in_plan:
            assert in_report.split(" | ")[:-2] == in_plan.split(" | ")
        else:
            assert in_report == in_plan


def test_quarterly_report_says_what_the_records_say(repo_root: Path, tmp_path: Path) -> None:
    text = docx_text(build(tmp_path, "kaliningrad-committee-2026", "2026-Q1")).replace("\xa0", " ")
    lines = text.splitlines()
    assert lines[0].startswith("Отчет о реализации плана мероприятий («Дорожная карта») по итогам анализа")
    assert lines[1] == "за I квартал 2026 г."
    assert "выполнено 3 из 5 мероприятий, 1 – с нарушением срока, 1 выполняется, 1 не выполнено." in lines[2]
    assert "| Отметка о выполнении | Информация о выполнении" in text
    assert "выполнено с нарушением срока 03.04.2026" in text


@pytest.mark.parametrize(("plan", "period"), EXAMPLES.items())
def test_every_bundled_style_builds_its_report_with_a_chart(
    repo_root: Path, tmp_path: Path, plan: str, period: str
) -> None:
    out = build(tmp_path, plan, period)
    with zipfile.ZipFile(out) as package:
        images = [n for n in package.namelist() if n.startswith("word/media/") and n.endswith(".png")]
        assert len(images) == 1
        assert package.read(images[0]).startswith(b"\x89PNG")
    text = docx_text(out).replace("\xa0", " ")
    assert "Отметка о выполнении" in text and "{{" not in text and "{%" not in text
    assert f"за {parse_report_period(period).label}" in text  # e.g. «за 2025/2026 учебный год»


@pytest.mark.parametrize(
    ("counts", "total", "text"),
    [
        (
            {"выполнено": 12, "выполнено с нарушением срока": 2, "перенесено": 1},
            18,
            "выполнено 14 из 18 мероприятий, 2 — с нарушением срока, 1 перенесено",
        ),
        ({"выполнено": 1}, 1, "выполнено 1 из 1 мероприятия"),
        ({"выполнено": 20, "не выполнено": 1}, 21, "выполнено 20 из 21 мероприятия, 1 не выполнено"),
        ({"выполнено": 0, "выполняется": 11}, 11, "выполнено 0 из 11 мероприятий, 11 выполняется"),
    ],
)
def test_summary_agrees_with_numbers(counts: dict[str, int], total: int, text: str) -> None:
    assert summary_line(counts, total) == text


def test_plural() -> None:
    forms = ("мероприятие", "мероприятия", "мероприятий")
    assert [plural(n, *forms) for n in (1, 2, 5, 11, 12, 21, 22, 25, 111)] == [
        "мероприятие",
        "мероприятия",
        "мероприятий",
        "мероприятий",
        "мероприятий",
        "мероприятие",
        "мероприятия",
        "мероприятий",
        "мероприятий",
    ]


def test_periods_and_titles() -> None:
    assert parse_report_period("2026-Q1").label == "I квартал 2026 г."
    assert parse_report_period("2026-h2").end.isoformat() == "2026-12-31"
    assert parse_report_period("2025/2026").start.isoformat() == "2025-09-01"
    with pytest.raises(UserError) as caught:
        parse_report_period("2026-Q5")
    assert "отчетный период «2026-Q5» не распознан" in str(caught.value)
    assert (
        plan_genitive(["«Дорожная карта» (план мероприятий)", "по повышению"])
        == "«Дорожной карты» (плана мероприятий) по повышению"
    )
    assert plan_genitive(["Программа развития"]) == "плана «Программа развития»"


def test_bad_period_is_a_usage_error(repo_root: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["report", "plans/zyryansky-2025.yaml", "--period", "весна", "-o", str(tmp_path / "r.docx")]
    )
    assert result.exit_code == 2 and "OF740" in result.stderr and not (tmp_path / "r.docx").exists()


@pytest.mark.slow
@pytest.mark.skipif(find_soffice() is None or shutil.which("pdftotext") is None, reason="нет LibreOffice или poppler")
def test_report_opens_in_libreoffice(repo_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "q1.docx"
    result = CliRunner().invoke(
        main, ["report", "plans/kaliningrad-committee-2026.yaml", "--period", "2026-Q1", "-o", str(out), "--pdf"]
    )
    assert result.exit_code == 0, result.output
    pdf = out.with_suffix(".pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.replace("\xa0", " ")
    assert "Отчет о реализации плана мероприятий" in text
    assert "за I квартал 2026 г." in text
    assert "Отметка" in text and "нарушением" in text
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    if images.returncode == 0:
        assert len(images.stdout.strip().splitlines()) >= 3  # header lines + the chart


def test_report_widths_keep_narrow_columns_and_share_the_rest() -> None:
    from orderforge.execreport import report_widths
    from orderforge.style import Column

    plan = [Column("number", "№", 17), Column("text", "Мероприятие", 95), Column("deadline", "Срок", 34),
            Column("result", "Результат", 83)]
    extra = [Column("mark", "Отметка", 32), Column("info", "Информация", 70)]
    widths = [c.width for c in report_widths(plan + extra, 229)]
    assert widths[0] == 17 and widths[2] == 34 and widths[4] == 32  # narrow ones as in the plan
    assert sum(widths) == pytest.approx(229)
    assert widths[1] / 95 == pytest.approx(widths[3] / 83) == pytest.approx(widths[5] / 70)
    squeezed = [c.width for c in report_widths(plan + extra, 100)]
    assert squeezed[1] == pytest.approx(95 * 0.45)  # a wide column never below 45 % of its width


@pytest.mark.slow
@pytest.mark.skipif(find_soffice() is None or shutil.which("pdfinfo") is None, reason="нет LibreOffice или poppler")
@pytest.mark.parametrize(("plan", "period"), EXAMPLES.items())
def test_every_style_report_opens_in_libreoffice_landscape(repo_root: Path, tmp_path: Path, plan: str,
                                                           period: str) -> None:
    out = tmp_path / f"{plan}.docx"
    result = CliRunner().invoke(main, ["report", f"plans/{plan}.yaml", "--period", period, "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    pdf = out.with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = (float(x) for x in info.split("Page size:")[1].split("pts")[0].split(" x "))
    assert width > height  # landscape
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert f"за {parse_report_period(period).label}" in " ".join(text.replace("\xa0", " ").split())
