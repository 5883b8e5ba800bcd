/* review.h — turns the checker's findings into an annotation set for the
 * contract itself: which paragraphs get which comment, where each missing
 * requirement's model clause goes, and the summary at the top. */
#ifndef CK_ANNOTATE_REVIEW_H
#define CK_ANNOTATE_REVIEW_H

#include "annotate/annotate.h"
#include "match/match.h"
#include "model/document.h"
#include "rules/pack.h"

/* Fills set (initialised here; the caller frees it with
 * ck_annotation_set_free) from result, a check of doc against rules:
 *   - conflict and partial findings: a comment anchored on their evidence,
 *     saying what is wrong or missing and the advice;
 *   - with all set, present findings: a short comment naming the requirement;
 *   - missing findings: the model clause as a tracked insertion at the end of
 *     the article on the nearest topic, or in the appended section when no
 *     article touches it, with a comment saying why;
 *   - a summary comment: counts per status and the packs used.
 * Texts follow the current language (util/lang.h). */
void ck_review_annotations(const ck_document *doc, const ck_rule_set *rules, const ck_match_result *result,
                           int all, ck_annotation_set *set);

#endif
