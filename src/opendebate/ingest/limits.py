"""How much reading a received file may cost. A statement is about 500 words (3,500 characters,
one or two pages); a concept-note letter with its annexes a few thousand words. Every limit is
far beyond both, and far below what it takes to tie a server up."""

from __future__ import annotations

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A 10 MB document expands to a few times its size; 100 MB is far beyond any real one.
MAX_EXPANDED_BYTES = 100 * 1024 * 1024
MAX_PAGES = 200
# Page objects (text runs, paths, images) on one PDF page: a dense page of text has a few
# thousand; a crafted page, millions of tiny drawing operations.
MAX_PAGE_OBJECTS = 20_000
# Tags in one XML part of a DOCX or ODT: a statement's has a few thousand, a long report's a few
# hundred thousand; parsing a million takes lxml half a second.
MAX_MARKUP = 500_000
MAX_LINES = 50_000
MAX_PARAGRAPHS = 20_000
MAX_CHARACTERS = 1_000_000
# The reading process: wall-clock seconds before it is killed, and its address space. The
# budget leaves room under two seconds for starting a replacement process.
SECONDS = 1.5
MEMORY_BYTES = 1024 * 1024 * 1024
# CPU seconds after which a reader stops itself: only a reader whose server has gone (and so
# cannot kill it) ever gets there.
CPU_SECONDS = 10
