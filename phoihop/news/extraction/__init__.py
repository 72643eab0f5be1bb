"""Proposing the record a news article describes (rule-based, no model, nothing downloaded).

An officer pastes an old article; `extract(text, published_on=None)` returns a JSON-ready
dict with exactly these keys:

- `event_type`: the main event, one of `signing` (ký kết), `interim_review` (sơ kết),
  `final_review` (tổng kết), `training` (tập huấn, bồi dưỡng), `monitoring_visit` (giám sát,
  kiểm tra), `commendation` (biểu dương, tuyên dương, khen thưởng, tôn vinh), `other`. The
  main event is the one the headline names first; without one there, the first the lead
  paragraph names. Nothing is guessed: no keyword gives `other`.
- `is_coordination_program_event`: the headline or lead paragraph names a coordination
  program (chương trình phối hợp / liên tịch, kế hoạch phối hợp).
- `event_date`: "YYYY-MM-DD"; a date written without a year takes it from `published_on`
  (or the publication line the page prints, "Thứ Năm, 18/03/2021"), else from the phase for
  a signing (first year) or a final review (last year, or the next in January–March); else
  "????-MM-DD"; null without a date. See `dates`.
- `province`: the short name ("Cần Thơ", "Thái Nguyên": no "tỉnh"/"thành phố"), as the
  article names it, including provinces merged in 2025 ("Sóc Trăng"); null for a program
  of central agencies.
- `lead_agency`, `partner_agencies`: canonical names (below). For a coordination program,
  its lead (chủ trì: the first party named) and the other parties; for another event, its
  organiser and co-organisers. See `agencies`.
- `phase_start`, `phase_end`: the coordination program's phase (giai đoạn); phases of other
  programs (the national target program 1719 2021–2030, a strategy, a resolution) are not
  it. Null for events that are not a coordination program's.
- `people`: `[{"name", "title"}]`, deduplicated; title null when none is given. See `people`.
- `content_areas`: areas of the vocabulary below the article names as the program's work
  (its contents, a review's results and directions, the subject of a training or visit);
  empty for events that are not a coordination program's.

A text that is not Vietnamese (English, French) gives no event: `other`, false, nulls and
empty lists.

Canonical agency names: the agency's name without its place, as an officer would write it
within one province: "Ban Dân tộc", "Sở Dân tộc và Tôn giáo", "Ủy ban Mặt trận Tổ quốc Việt
Nam" (always with "Việt Nam", however the article abbreviates it: "Ủy ban MTTQ tỉnh"), "Tỉnh
đoàn" or "Thành đoàn" (as written), "Hội Liên hiệp Phụ nữ" (without "Việt Nam"), "Hội Nông
dân", "Hội Cựu chiến binh", "Ban Dân vận Tỉnh ủy" / "Ban Dân vận Thành ủy", "Bộ Chỉ huy Bộ
đội Biên phòng", "Công an tỉnh", "Ngân hàng Chính sách xã hội", "Ủy ban nhân dân", "Ban Dân
tộc Hội đồng nhân dân" (the People's Council's committee, not the agency), and central ones
with their full names: "Ủy ban Dân tộc", "Bộ Dân tộc và Tôn giáo", "Trung ương Hội Liên hiệp
Phụ nữ Việt Nam", "Trung ương Đoàn", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam". The list
is `lists.AGENCY_PATTERNS`; `match_agencies` finds the database's rows for them.

Content-area vocabulary (`lists.CONTENT_AREAS`, with the phrases that name each): "tuyên
truyền" (also phổ biến, truyền thông, legal education), "phát triển kinh tế - xã hội"
(economic models, production, livelihoods, start-ups), "giảm nghèo", "thi đua" (emulation
movements and campaigns), "khen thưởng" (biểu dương, tuyên dương, tôn vinh, giấy khen),
"xây dựng đội ngũ cán bộ" (training and sourcing cadres), "bảo tồn văn hóa" (identity,
festivals, language and script, crafts, customs), "tham mưu chính sách" (research, advice,
proposals, social criticism of policy), "giám sát thực hiện chính sách", "an ninh trật tự"
(security, order, drugs, trafficking, grassroots mediation), "xây dựng nông thôn mới",
"giáo dục" (pupils, scholarships, study promotion), "chăm sóc sức khỏe" (health, health
insurance), "bình đẳng giới" (gender equality, child and consanguineous marriage), "người
có uy tín" (prestigious persons' role), "xây dựng hệ thống chính trị".

Modules: `document` (normalising, boilerplate, headline and paragraphs), `dates` (event
date, phases, year inference), `agencies` (agency names, parties, province), `people`,
`rules` (the whole), `sources` (limits, files), `matching` (database rows), `scoring`
(per-field accuracy over the labelled set in tests/news/extraction/articles).
"""

from phoihop.news.extraction.matching import event_day, match_agencies
from phoihop.news.extraction.rules import FIELDS, extract
from phoihop.news.extraction.sources import (
    MAX_FILE_BYTES,
    MAX_TEXT_BYTES,
    ExtractionInputError,
    check_text,
    read_article_file,
)

__all__ = [
    "FIELDS",
    "MAX_FILE_BYTES",
    "MAX_TEXT_BYTES",
    "ExtractionInputError",
    "check_text",
    "event_day",
    "extract",
    "match_agencies",
    "read_article_file",
]
