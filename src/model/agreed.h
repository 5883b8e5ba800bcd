/* agreed.h — which text of a contract is agreed: check-box options the
 * agency has not ticked (and the lines under them), drafting notes, and
 * blanks still to be filled. Run by ck_document_locate(); see docs/reader.md.
 */
#ifndef CK_MODEL_AGREED_H
#define CK_MODEL_AGREED_H

#include "model/document.h"
#include "model/label.h"

/* Sets CK_BLOCK_UNAGREED and CK_BLOCK_DRAFTING_NOTE on the blocks they
 * apply to, and adds CK_SPAN_BLANK and CK_SPAN_DRAFTING_NOTE spans.
 * Needs article and annex fields from a first locator pass; idempotent. */
void ck_document_mark_agreed(ck_document *doc);

/* The state of a check box glyph: 1 ticked (■ ☑ ☒ █ ▉ ▣), 0 unticked
 * (□ ☐), -1 not a check box. */
int ck_check_box_state(int codepoint);

/* Whether s (a block's label, a space, then its text) starts with an
 * option: a check box, maybe after or before a label of its own ("□1.",
 * "1□", "【1】□", "■(1)"); *own gets that label (CK_LABEL_NONE without),
 * *ticked its state. whole: the block has a numbering label. */
int ck_option_read(const char *s, size_t len, int whole, ck_label *own, int *ticked);

/* Whether a block's text ends a sentence (。；！？：, a closing bracket or
 * quote, or a blank to fill in): else the next paragraph carries it on. */
int ck_block_ends_sentence(const ck_block *b);

/* Whether b carries on the sentence prev was cut off in (prev does not end
 * a sentence, and either holds one or b cannot start one). prev may be NULL. */
int ck_block_carries_on(const ck_block *prev, const ck_block *b);

/* Whether b is a short lead-in to a list of its own (「百分比之計算方式：」). */
int ck_block_opens_list(const ck_block *b);

/* Whether s (len bytes) is the title of an attached form or appendix that
 * follows the articles: 保密切結書, 保 密 同 意 書, 切結書範本, 附錄、…,
 * 附件 …, 附表 … (short, no sentence). */
int ck_annex_title(const char *s, size_t len);

#endif
