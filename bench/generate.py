"""A benchmark corpus in the register of real notices, generated (never copied): python bench/generate.py OUT [--words N].

Four kinds of text, mixed the way an analyst's inbox mixes them:

- item lists: numbered entries with control numbers, 8- and 10-digit customs
  codes and a value with a unit on nearly every line (the annexes of MOFCOM
  announcements and of the EU dual-use list);
- Federal Register prose: long sentences with section citations, docket and
  RIN numbers, dates and cross-references (BIS rules);
- news: market shares, prices, volumes and percentages that are not
  thresholds, quotes and attributions;
- Chinese: announcements with 一、 and （一） markers, full-width punctuation,
  dates with and without a year, codes and limits (written out as characters).

Every sentence is assembled from small vocabularies by a seeded random
generator, so the corpus is the same for a given seed and contains no public
text. Notices are about `per_notice` words (characters for Chinese).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

ELEMENTS = ["gallium", "germanium", "antimony", "samarium", "terbium", "dysprosium", "holmium", "lutetium", "scandium",
            "yttrium", "tungsten", "indium", "bismuth", "tellurium", "molybdenum", "graphite", "lithium", "cobalt"]
FORMS = ["metal", "oxide", "ingots", "powder", "wafers", "targets", "alloys", "nitride", "arsenide", "chloride", "flakes"]
MEASURES = [("purity", "%", (99.0, 99.9999)), ("particle size", "μm", (0.5, 500)), ("diameter", "mm", (50, 450)),
            ("density", "g/cm3", (1.5, 19.3)), ("tensile strength", "MPa", (200, 4000)), ("thickness", "nm", (3, 900)),
            ("energy density", "Wh/kg", (150, 400)), ("frequency", "GHz", (1, 110)), ("temperature", "°C", (-60, 1600))]
COMPARATORS = ["of {v} or more", "of {v} or less", "exceeding {v}", "not less than {v}", "below {v}", "equal to or greater than {v}"]
DESTINATIONS = ["the United States", "Russia", "Belarus", "Iran", "North Korea", "Macau", "the People's Republic of China"]
END_USES = ["military end users", "military end uses", "the development of weapons of mass destruction",
            "advanced-node integrated circuits", "supercomputers", "military intelligence end users"]
AGENCIES = ["the Bureau of Industry and Security (BIS)", "the Department of Commerce", "the Ministry of Commerce",
            "the General Administration of Customs", "the European Commission"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December"]
COMPANIES = ["Northwind Metals", "Kestrel Semiconductor", "Harbor Magnetics", "Ironvale Materials", "Lumen Wafer Co.",
             "Tianshan Rare Earth", "Baltic Alloys", "Cobalt Ridge"]

ZH_ELEMENTS = ["镓", "锗", "锑", "钐", "铽", "镝", "钬", "镥", "钪", "钇", "钨", "铟", "铋", "碲", "钼", "石墨"]
ZH_FORMS = ["金属", "氧化物", "锭", "粉末", "晶圆", "靶材", "合金", "氮化物", "砷化物"]
ZH_MEASURES = [("纯度", "%"), ("粒度", "微米"), ("直径", "毫米"), ("密度", "克/立方厘米"), ("厚度", "纳米")]
ZH_COMPARATORS = ["{v}及以上", "{v}及以下", "大于{v}", "小于等于{v}", "不低于{v}"]
ZH_NUMERALS = "一二三四五六七八九十"


def _num(rng: random.Random, lo: float, hi: float) -> str:
    v = rng.uniform(lo, hi)
    return f"{v:.0f}" if hi > 50 else f"{v:.2f}".rstrip("0").rstrip(".")


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2019, 2026)}"


def _eccn(rng: random.Random) -> str:
    return f"{rng.randint(0, 9)}{rng.choice('ABCDE')}{rng.randint(0, 999):03d}" + rng.choice(["", ".a", ".b.2", ".c.1.a"])


def _customs(rng: random.Random) -> str:
    code = f"{rng.randint(2500, 9030):04d}{rng.randint(0, 99):02d}{rng.randint(0, 9999):04d}"
    return rng.choice([code, code[:8], f"{code[:4]}.{code[4:6]}.{code[6:8]}"])


def item_line(rng: random.Random, n: int) -> str:
    measure, unit, (lo, hi) = rng.choice(MEASURES)
    limit = rng.choice(COMPARATORS).format(v=f"{_num(rng, lo, hi)} {unit}")
    article = "an" if measure[0] in "aeiou" else "a"
    return (f"{n}. {_eccn(rng)} {rng.choice(ELEMENTS).capitalize()} {rng.choice(FORMS)} with {article} {measure} {limit} "
            f"(reference customs code {_customs(rng)});")


def item_list(rng: random.Random) -> list[str]:
    lead = (f"The following items are subject to export control with effect from {_date(rng)}, in accordance with "
            f"{rng.choice(['the Export Control Law', 'Regulation (EU) 2021/821', 'the Export Administration Regulations'])}:")
    return [lead] + [item_line(rng, i + 1) for i in range(rng.randint(6, 14))]


def fr_paragraph(rng: random.Random) -> list[str]:
    agency = rng.choice(AGENCIES)
    section = f"§ {rng.randint(734, 774)}.{rng.randint(1, 30)}({rng.choice('abcdef')})({rng.randint(1, 5)})"
    sentences = [
        f"In this rule, {agency} amends the Export Administration Regulations (EAR) by revising {section} and "
        f"adding entries for {rng.choice(ELEMENTS)} {rng.choice(FORMS)} under ECCN {_eccn(rng)}.",
        f"This interim final rule is effective {_date(rng)}; comments must be received by {_date(rng)} and should "
        f"reference RIN 0694-A{rng.choice('BCDEFGHJ')}{rng.randint(10, 99)} and docket number BIS-{rng.randint(2019, 2026)}-{rng.randint(1, 99):04d}.",
        f"License applications for exports to {rng.choice(DESTINATIONS)} will be reviewed under a policy of denial "
        f"where the item is destined for {rng.choice(END_USES)}, and case by case otherwise.",
        f"As explained in the preamble to the rule published on {_date(rng)} ({rng.randint(80, 90)} FR {rng.randint(1000, 99999)}), "
        f"the amendments in paragraph ({rng.choice('abcd')}) of this section do not alter the de minimis levels in supplement "
        f"no. {rng.randint(1, 7)} to part 734, which remain at {rng.choice([10, 25])} percent.",
        f"BIS estimates that this change will affect approximately {rng.randint(20, 900)} license applications a year, "
        f"with an average burden of {rng.randint(10, 90)} minutes per response.",
        f"Items classified under ECCNs {_eccn(rng)}, {_eccn(rng)} and {_eccn(rng)} that were en route aboard a carrier on "
        f"{_date(rng)} may proceed to their destination under the previous eligibility.",
    ]
    rng.shuffle(sentences)
    return [" ".join(sentences[: rng.randint(3, 6)])]


def news_paragraph(rng: random.Random) -> list[str]:
    el = rng.choice(ELEMENTS)
    sentences = [
        f"Prices of {el} rose {rng.randint(2, 80)}% in {rng.choice(MONTHS)} to ${rng.randint(200, 2500):,} per kilogram, "
        f"according to {rng.choice(['Fastmarkets', 'a Shanghai trading house', 'customs data', 'Argus'])}.",
        f"China accounts for about {rng.randint(60, 98)}% of global {el} refining and {rng.randint(40, 90)}% of mined supply.",
        f"\"We are running down inventories of {rng.randint(2, 12)} weeks,\" said an executive at {rng.choice(COMPANIES)}, "
        f"which shipped {rng.randint(100, 9000):,} tonnes last year.",
        f"Exports fell to {rng.randint(1, 500)} tonnes in {rng.choice(MONTHS)}, down {rng.randint(5, 95)}% from a year "
        f"earlier, after licences took up to {rng.randint(30, 60)} working days to issue.",
        f"Shares of {rng.choice(COMPANIES)} climbed {rng.randint(1, 30)}.{rng.randint(0, 9)}% on {_date(rng)}, valuing "
        f"the group at ${rng.randint(1, 40)}.{rng.randint(0, 9)} billion.",
    ]
    rng.shuffle(sentences)
    return [" ".join(sentences[: rng.randint(3, 5)])]


def chinese_notice(rng: random.Random, size: int) -> str:
    year = rng.randint(2023, 2026)
    lines = [f"商务部 海关总署公告{year}年第{rng.randint(1, 80)}号", "关于对相关物项实施出口管制的公告",
             "为维护国家安全和利益，履行防扩散等国际义务，经国务院批准，决定对下列物项实施出口管制。现将有关事项公告如下："]
    n = 0
    while sum(len(x) for x in lines) < size:
        lines.append(f"{ZH_NUMERALS[n % 10]}、{rng.choice(ZH_ELEMENTS)}相关物项")
        for j in range(rng.randint(2, 5)):
            measure, unit = rng.choice(ZH_MEASURES)
            limit = rng.choice(ZH_COMPARATORS).format(v=f"{_num(rng, 1, 99)}{unit}")
            lines.append(f"（{ZH_NUMERALS[j]}）{rng.choice(ZH_ELEMENTS)}{rng.choice(ZH_FORMS)}，{measure}{limit}"
                         f"（参考海关商品编号：{rng.randint(25000000, 90309999)}）；")
        lines.append(f"出口经营者应当向商务部申请许可。对境外军事用户的出口申请，原则上不予许可。本公告自{year}年"
                     f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日起正式实施，{rng.randint(1, 12)}月{rng.randint(1, 28)}日前签订的合同除外。")
        n += 1
    lines.append(f"商务部 海关总署\n{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日")
    return "\n".join(lines) + "\n"


KINDS = {"items": item_list, "federal-register": fr_paragraph, "news": news_paragraph}


def english_notice(rng: random.Random, kind: str, size: int, i: int) -> str:
    title = {"items": f"Announcement No. {i} on export control of certain items", "federal-register":
             f"Revisions to the Export Administration Regulations ({i})", "news": f"Metals markets brace for new curbs ({i})"}[kind]
    body, words = [], 0
    while words < size:
        for line in KINDS[kind](rng):
            body.append(line)
            words += len(line.split())
    return f"{title}\n\n" + "\n".join(body) + "\n"


def generate(folder: Path, words: int, per_notice: int = 1500, seed: int = 7, chinese_share: float = 0.15) -> list[Path]:
    """Write notices into folder until about `words` words (a Chinese character counts as one); return their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths, total, i = [], 0, 0
    while total < words:
        if rng.random() < chinese_share:
            text, kind = chinese_notice(rng, per_notice), "zh"
            total += sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") + len(text.split())
        else:
            kind = rng.choice(list(KINDS))
            text = english_notice(rng, kind, per_notice, i)
            total += len(text.split())
        path = folder / f"{i:05d}-{kind}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        i += 1
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--words", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    paths = generate(args.out, args.words, seed=args.seed)
    print(f"{len(paths)} notices in {args.out}")


if __name__ == "__main__":
    main()
