"""Writes the demo corpus's PDF documents (committed; rerun after editing the texts).

    python -m monitor.demo.make_pdfs

Both documents are fictional and written for this project: a ministry's
one-page press release and an NGO's three-page policy note with a running
header and footer, a two-column page and a table, so the demo crawl goes
through every part of ``monitor.pdf``. Needs fpdf2 (the ``test`` extra).
The PDF core fonts are Latin-1 only: the texts use straight quotes.
"""

from __future__ import annotations

from datetime import datetime, timezone

from monitor.demo import SITE_DIR
from monitor.demo.pdf_builder import Document, Page, build_pdf

PRESS_RELEASE = Document(
    title="Austria and Morocco agree on faster identification of returnees",
    author="Federal Ministry of the Interior - Press office",
    created=datetime(2026, 11, 18, 14, 30, tzinfo=timezone.utc),
    footer="Federal Ministry of the Interior - Press office - press@interior.example",
    pages=[
        Page(
            heading="PRESS RELEASE: Austria and Morocco agree on faster identification of "
            "returnees",
            paragraphs=[
                "Vienna, 18 November 2026",
                "Austria and Morocco have agreed to speed up the identification of Moroccan "
                "nationals whose asylum applications have been rejected in Austria, Interior "
                "Minister Katharina Lechner said after meeting her Moroccan counterpart in Rabat "
                "on Wednesday.",
                "Under the arrangement, Moroccan consular staff will confirm the identity of "
                "returnees within 30 days of a request, instead of the current average of more "
                "than five months. Austria will in return fund vocational training for 400 young "
                "people in the regions of Tangier and Oujda and open a legal pathway for 150 "
                "seasonal workers in agriculture in 2027.",
                '"This is a partnership, not a one-way street," Lechner said. "Morocco gets '
                'training places and legal work, and we get returns that actually happen."',
                "According to the Federal Office for Immigration and Asylum, 1,240 Moroccan "
                "nationals were obliged to leave Austria at the end of October, but only 96 were "
                "returned in the first ten months of the year. Moroccans lodged 1,900 asylum "
                "applications in Austria in 2025, and fewer than 2 per cent of them were granted "
                "protection.",
                "The Moroccan Minister of the Interior, Abdelkader Bennani, said his country was "
                "ready to cooperate on returns as long as they were carried out with dignity and "
                "combined with legal migration opportunities.",
                "The Austrian Red Cross said it would monitor how the new identification "
                "procedure works in practice and report on it to parliament.",
            ],
        )
    ],
)

POLICY_NOTE = Document(
    title="Policy note: Detention at the border under the new screening rules",
    author="Border Monitoring Network",
    created=datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc),
    header="Border Monitoring Network - Policy Note 7/2026 - Detention at the border",
    footer="Page {page} of {pages} - www.bordermonitoring.example",
    pages=[
        Page(
            heading="Policy note: Detention at the border under the new screening rules",
            paragraphs=[
                "Summary. Since June 2026 the screening regulation and the border procedure of "
                "the Pact on Migration and Asylum apply across the European Union. This note "
                "examines how Greece, Italy and Croatia have organised screening at their "
                "external borders in the first five months, based on 62 interviews with "
                "lawyers, doctors and asylum seekers who went through the procedure.",
                "Our monitors found that asylum seekers were held in closed facilities for an "
                "average of "
                "16 days, far beyond the seven days the regulation allows for screening. In "
                "Croatia, 41 per cent of the people we interviewed said they had not been told "
                "why they were held.",
                '"Detention has become the default, not the exception," said Marta Horvat, the '
                'network\'s coordinator. "The law says screening must be short and that '
                'detention is a last resort; the practice we documented says the opposite."',
            ],
        ),
        Page(
            heading="Findings by country",
            columns=2,
            paragraphs=[
                "Greece. On Samos, the Greek Ministry of Migration and Asylum reported 3,150 "
                "arrivals between June and October. Lawyers told our monitors that access to "
                "legal counselling depended on a single team of volunteers.",
                "Italy. Screening took place mostly in the hotspots of Lampedusa and Pozzallo. "
                "The Italian interior ministry said that the procedure was completed within "
                "seven days in most cases, a claim our interviews could not confirm.",
                "Croatia. At the border with Bosnia and Herzegovina, people were screened in "
                "police stations. The Croatian Ombudswoman, Ivana Peric, said in her annual "
                "report that conditions in two of these stations were degrading.",
                "Children. Families with children were detained in all three countries. The "
                "European Union Agency for Fundamental Rights has recommended that children "
                "never be detained for migration purposes.",
            ],
        ),
        Page(
            heading="Recommendations",
            paragraphs=[
                "The network calls on the European Commission to publish the monitoring reports "
                "that member states must submit under the screening regulation, and on national "
                "authorities to end the detention of children at the border.",
                "It asks the European Parliament to examine the independent monitoring "
                "mechanisms in its next implementation report. The table below summarises the "
                "arrivals screened in each country between June and October 2026.",
            ],
            table=[
                ["Country", "Arrivals screened", "Average days held", "Access to a lawyer"],
                ["Greece", "3,150", "16", "partial"],
                ["Italy", "5,480", "12", "partial"],
                ["Croatia", "2,260", "27", "rare"],
            ],
        ),
    ],
)

DEMO_PDFS = {
    "ministry/press/2026-11-18-morocco-identification.pdf": PRESS_RELEASE,
    "library/notes/border-detention-policy-note.pdf": POLICY_NOTE,
}


def main() -> None:
    for path, document in DEMO_PDFS.items():
        target = SITE_DIR / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(build_pdf(document))
        print(f"wrote {target.relative_to(SITE_DIR.parent)}")


if __name__ == "__main__":
    main()
