"""Rendering a full compilation: 193 annexes of about 500 words, the six languages in turn.

Run with `.venv/bin/python bench/documents.py [runs]`. One warm-up render, then for each run:
the same document again (what a re-issue costs) and a document with fresh text (what new content
costs, with nothing to reuse from Typst's memoized layout). Beside it, LibreOffice headless
converts the same DOCX to PDF, the usual way to get a PDF from a DOCX, as the baseline.
"""

from __future__ import annotations

import datetime
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from opendebate.documents.model import (
    Annex,
    Block,
    HeaderBlock,
    Run,
    Signature,
    UNDocument,
)
from opendebate.documents.render_akn import render_akn
from opendebate.documents.render_docx import render_docx
from opendebate.documents.render_html import render_html
from opendebate.documents.render_pdf import render_pdf

ANNEXES = 193
WORDS = 500


def _bank(parts: str) -> tuple[str, ...]:
    """Alternatives written as "a|b|c" (an empty one allowed), to keep the banks compact."""
    return tuple(parts.split("|"))


@dataclass(frozen=True)
class Voice:
    """What a statement in one language is made of: sentences are drawn from these parts."""

    label: str
    heading: str  # with {} for the delegation, already in the grammatical form it needs
    mark: str
    delegations: tuple[str, ...]
    sentence: str  # with {opener} {subject} {verb} {object} {tail}
    openers: tuple[str, ...]
    subjects: tuple[str, ...]
    verbs: tuple[str, ...]
    objects: tuple[str, ...]
    tails: tuple[str, ...]
    spaced: bool = True  # words are separated by spaces (every language here but Chinese)


VOICES = {
    "en": Voice(
        label="Annex {}",
        heading="Statement by the Permanent Mission of {} to the United Nations",
        mark="[Original: English]",
        delegations=_bank("Canada|Ireland|Viet Nam|Estonia|Tunisia|Belgium"),
        sentence="{opener}{subject} {verb} {object}{tail}.",
        openers=_bank("|In this regard, |At the same time, |For this reason, |Moreover, "),
        subjects=_bank(
            "our delegation|the Security Council|the African Union|the Secretariat|"
            "the international community|each peacekeeping mission|the European Union|"
            "the Organisation internationale de la Francophonie"
        ),
        verbs=_bank(
            "welcomes|supports|encourages|reaffirms its commitment to|recognizes|calls for|"
            "stresses the importance of|will continue to promote"
        ),
        objects=_bank(
            "closer cooperation in conflict prevention|the protection of civilians|"
            "the use of French in peacekeeping operations|early warning and mediation|"
            "multilingualism as a condition of effective diplomacy|"
            "electoral assistance in the Sahel|the training of police and military staff|"
            "the exchange of information between secretariats"
        ),
        tails=_bank(
            "| in the Sahel| under Chapter VIII of the Charter| in every region|"
            " in close consultation with host countries| before, during and after crises"
        ),
    ),
    "fr": Voice(
        label="Annexe {}",
        heading=(
            "Déclaration de la Mission permanente {} auprès de l'Organisation des Nations Unies"
        ),
        mark="[Original : français]",
        delegations=_bank(
            "de la Belgique|de la Suisse|du Sénégal|du Luxembourg|de Monaco|du Bénin"
        ),
        sentence="{opener}{subject} {verb} {object}{tail}.",
        openers=_bank("|À cet égard, |Dans le même temps, |C'est pourquoi |En outre, "),
        subjects=_bank(
            "notre délégation|le Conseil de sécurité|l'Union africaine|le Secrétariat|"
            "la communauté internationale|chaque mission de maintien de la paix|"
            "l'Union européenne|l'Organisation internationale de la Francophonie"
        ),
        verbs=_bank(
            "salue|appuie|encourage|réaffirme son attachement à|reconnaît|"
            "soutient pleinement|défend|continuera de promouvoir"
        ),
        objects=_bank(
            "la coopération étroite en matière de prévention des conflits|"
            "la protection des civils|l'usage du français dans les opérations de paix|"
            "l'alerte rapide et la médiation|"
            "le multilinguisme, condition d'une diplomatie efficace|"
            "l'assistance électorale au Sahel|la formation des policiers et des militaires|"
            "l'échange d'informations entre secrétariats"
        ),
        tails=_bank(
            "| au Sahel| au titre du Chapitre VIII de la Charte| dans toutes les régions|"
            " en concertation étroite avec les pays hôtes|"
            " avant, pendant et après les crises"
        ),
    ),
    "es": Voice(
        label="Anexo {}",
        heading="Declaración de la Misión Permanente {} ante las Naciones Unidas",
        mark="[Original: español]",
        delegations=_bank("de México|de la Argentina|del Uruguay|de Costa Rica|de España|del Perú"),
        sentence="{opener}{subject} {verb} {object}{tail}.",
        openers=_bank("|A este respecto, |Al mismo tiempo, |Por ello, |Además, "),
        subjects=_bank(
            "nuestra delegación|el Consejo de Seguridad|la Unión Africana|la Secretaría|"
            "la comunidad internacional|cada misión de mantenimiento de la paz|"
            "la Unión Europea|la Organización Internacional de la Francofonía"
        ),
        verbs=_bank(
            "acoge con beneplácito|apoya|alienta|reafirma su compromiso con|reconoce|"
            "respalda plenamente|defiende|seguirá promoviendo"
        ),
        objects=_bank(
            "la cooperación estrecha en la prevención de conflictos|"
            "la protección de los civiles|el uso del francés en las operaciones de paz|"
            "la alerta temprana y la mediación|"
            "el multilingüismo como condición de una diplomacia eficaz|"
            "la asistencia electoral en el Sahel|"
            "la formación del personal policial y militar|"
            "el intercambio de información entre secretarías"
        ),
        tails=_bank(
            "| en el Sahel| en virtud del Capítulo VIII de la Carta| en todas las regiones|"
            " en estrecha consulta con los países anfitriones|"
            " antes, durante y después de las crisis"
        ),
    ),
    "ru": Voice(
        label="Приложение {}",
        heading="Заявление Постоянного представительства {} при Организации Объединенных Наций",
        mark="[Подлинный текст на русском языке]",
        delegations=_bank("Армении|Беларуси|Казахстана|Кыргызстана|Таджикистана|Узбекистана"),
        sentence="{opener}{subject} {verb} {object}{tail}.",
        openers=_bank("|В этой связи |В то же время |Поэтому |Кроме того, "),
        subjects=_bank(
            "наша делегация|Совет Безопасности|Африканский союз|Секретариат|"
            "международное сообщество|каждая миротворческая миссия|Европейский союз|"
            "Международная организация франкофонии"
        ),
        verbs=_bank(
            "приветствует|поддерживает|поощряет|вновь подтверждает приверженность делу|"
            "признает|всецело одобряет|отстаивает|будет и далее развивать"
        ),
        objects=_bank(
            "тесное сотрудничество в предотвращении конфликтов|"
            "защиту гражданского населения|"
            "использование французского языка в миротворческих операциях|"
            "раннее предупреждение и посредничество|"
            "многоязычие как условие эффективной дипломатии|"
            "помощь в проведении выборов в Сахеле|"
            "подготовку полицейского и военного персонала|"
            "обмен информацией между секретариатами"
        ),
        tails=_bank(
            "| в Сахеле| в соответствии с главой VIII Устава| во всех регионах|"
            " в тесной консультации с принимающими странами| до, во время и после кризисов"
        ),
    ),
    "ar": Voice(
        label="المرفق {}",
        heading="بيان البعثة الدائمة {} لدى الأمم المتحدة",
        mark="[الأصل: بالعربية]",
        delegations=_bank("للبنان|للمغرب|لمصر|لقطر|لجيبوتي|لموريتانيا"),
        sentence="{opener}{subject} {verb} {object}{tail}.",
        openers=_bank("|وفي هذا الصدد، |وفي الوقت نفسه، |ولهذا السبب، |وعلاوة على ذلك، "),
        subjects=_bank(
            "وفدنا|مجلس الأمن|الاتحاد الأفريقي|المجتمع الدولي|الاتحاد الأوروبي|"
            "فريق الوساطة|البلد المضيف|الأمين العام"
        ),
        verbs=_bank("يدعم|يشجع|يؤكد أهمية|يدعو إلى|يقدّر|يساند|يواصل تعزيز|يعزز"),
        objects=_bank(
            "التعاون الوثيق في مجال منع النزاعات|حماية المدنيين|"
            "استخدام اللغة الفرنسية في عمليات حفظ السلام|الإنذار المبكر والوساطة|"
            "التعددية اللغوية بوصفها شرطا لدبلوماسية فعالة|"
            "المساعدة الانتخابية في منطقة الساحل|تدريب أفراد الشرطة والأفراد العسكريين|"
            "تبادل المعلومات بين الأمانات"
        ),
        tails=_bank(
            "| في منطقة الساحل| بموجب الفصل الثامن من الميثاق| في جميع المناطق|"
            " بالتشاور الوثيق مع البلدان المضيفة| قبل الأزمات وأثناءها وبعدها"
        ),
    ),
    "zh": Voice(
        label="附件{}",
        heading="{}常驻联合国代表团的发言",
        mark="[原件：中文]",
        delegations=_bank("中国|新加坡|柬埔寨|老挝|越南|蒙古"),
        sentence="{opener}{subject}{tail}{verb}{object}。",
        openers=_bank("|在这方面，|与此同时，|因此，|此外，"),
        subjects=_bank(
            "我国代表团|安全理事会|非洲联盟|秘书处|国际社会|每个维和特派团|欧洲联盟|法语国家国际组织"
        ),
        verbs=_bank("欢迎|支持|鼓励|重申致力于|认识到|呼吁加强|强调|将继续推动"),
        objects=_bank(
            "在预防冲突领域的密切合作|保护平民|在维和行动中使用法语|预警和调解工作|作为有效外交条件的多语制|萨赫勒地区的选举援助|警察和军事人员的培训|"
            "各秘书处之间的信息交流"
        ),
        tails=_bank(
            "|在萨赫勒地区|根据《宪章》第八章|在所有区域|与东道国密切协商|在危机前、危机中和危机后"
        ),
        spaced=False,
    ),
}
ORDER = ("ar", "zh", "en", "fr", "ru", "es")


def sentence(voice: Voice, rng: random.Random) -> str:
    text = voice.sentence.format(
        opener=rng.choice(voice.openers),
        subject=rng.choice(voice.subjects),
        verb=rng.choice(voice.verbs),
        object=rng.choice(voice.objects),
        tail=rng.choice(voice.tails),
    )
    return text[0].upper() + text[1:]


def statement(voice: Voice, language: str, rng: random.Random) -> tuple[Block, ...]:
    """About WORDS words (characters, in Chinese, as a word processor counts them)."""
    paragraphs: list[Block] = []
    count = 0
    while count < WORDS:
        sentences = [sentence(voice, rng) for _ in range(rng.randint(3, 6))]
        text = (" " if voice.spaced else "").join(sentences)
        count += len(text.split()) if voice.spaced else len(text)
        paragraphs.append(Block(runs=(Run(text),), language=language))
    return tuple(paragraphs)


def compilation(seed: int = 0) -> UNDocument:
    rng = random.Random(seed)  # noqa: S311 (reproducible sample text, not a secret)
    annexes = []
    for number in range(1, ANNEXES + 1):
        language = ORDER[(number - 1) % len(ORDER)]
        voice = VOICES[language]
        annexes.append(
            Annex(
                anchor=f"annex-{number}",
                label=voice.label.format(number),
                heading=voice.heading.format(rng.choice(voice.delegations)),
                original_mark="" if language == "en" else voice.mark,
                language=language,
                body=statement(voice, language, rng),
            )
        )
    english = VOICES["en"]
    return UNDocument(
        header=HeaderBlock(
            organization="United Nations",
            organ="Security Council",
            symbol="S/2020/900",
            distribution="Distr.: General",
            date_line="11 September 2020",
            language_lines=("Original: English",),
        ),
        language="en",
        original_language="en",
        date_of_issue=datetime.date(2020, 9, 11),
        job_number="20-11901 (E) 110920",
        title=(
            "Letter dated 10 September 2020 from the President of the Security Council "
            "addressed to the Secretary-General and the Permanent Representatives of the "
            "members of the Security Council"
        ),
        body=statement(english, "en", rng)[:2],
        signature=Signature(
            lines=("(Signed) Abdou Abarry", "President of the Security Council"), language="en"
        ),
        annexes=tuple(annexes),
        akn_work=("un", "unsc", "letter", "2020-09-10"),
        generated_at=datetime.datetime(2020, 9, 11, 9, 0, tzinfo=datetime.UTC),
    )


FORMATS: dict[str, Callable[[UNDocument], object]] = {
    "docx": render_docx,
    "pdf": render_pdf,
    "html": render_html,
    "akn.xml": render_akn,
}


def time_formats(document: UNDocument) -> dict[str, float]:
    seconds = {}
    for name, render in FORMATS.items():
        start = time.perf_counter()
        render(document)
        seconds[name] = time.perf_counter() - start
    return seconds


def libreoffice_seconds(document: UNDocument, runs: int) -> float | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "compilation.docx"
        source.write_bytes(render_docx(document))
        profile = f"-env:UserInstallation=file://{directory}/profile"
        command = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", directory]
        subprocess.run([*command, str(source)], check=True, capture_output=True)  # first start
        timings = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([*command, str(source)], check=True, capture_output=True)
            timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def report(title: str, runs: list[dict[str, float]]) -> float:
    print(title)
    for name in FORMATS:
        print(f"  {name:8} {statistics.median(run[name] for run in runs):7.3f} s")
    total = statistics.median(sum(run.values()) for run in runs)
    print(f"  {'total':8} {total:7.3f} s")
    return statistics.median(run["pdf"] for run in runs)


def main(runs: int = 5) -> None:
    document = compilation()
    words = sum(len(block.text.split()) for annex in document.annexes for block in annex.body)
    print(f"{len(document.annexes)} annexes, {words} space-separated words, {runs} runs")
    time_formats(document)  # warm-up: template, fonts, styles
    same_pdf = report(
        "same document, warm process (median):", [time_formats(document) for _ in range(runs)]
    )
    fresh = [time_formats(compilation(seed)) for seed in range(1, runs + 1)]
    fresh_pdf = report("fresh text each run, warm process (median):", fresh)
    baseline = libreoffice_seconds(document, max(1, runs // 2))
    if baseline is None:
        print("LibreOffice: soffice not found, no baseline")
        return
    print(f"LibreOffice DOCX to PDF, one soffice process per file (median): {baseline:.3f} s")
    print(
        f"ratio LibreOffice / our PDF: {baseline / same_pdf:.1f} (same document), "
        f"{baseline / fresh_pdf:.1f} (fresh text)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
