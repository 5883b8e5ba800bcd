/* The sample files in samples/ are what users and the forms task start
 * from: every format holds the same people, and every number in them is
 * valid. (Run from the top of the checkout, as tests/run.sh does.) */
#include "support.h"

#include "data/data.h"
#include "data/dates.h"
#include "data/ids.h"

static ck_roster *read_sample(const char *path)
{
    ck_roster *r = NULL;
    ck_error err;
    ck_error_clear(&err);
    if (ck_roster_read(path, NULL, &r, &err) != 0)
        fail_msg("%s: %s", path, err.message);
    return r;
}

static void all_roster_formats_agree(void **state)
{
    (void)state;
    ck_roster *csv = read_sample("samples/roster.csv");
    const char *others[] = { "samples/roster-big5.csv", "samples/roster.xlsx", "samples/roster.ods" };
    assert_int_equal(csv->columns, 11);
    assert_int_equal(csv->row_count, 8);
    for (size_t k = 0; k < 3; k++) {
        ck_roster *o = read_sample(others[k]);
        assert_int_equal(o->columns, csv->columns);
        assert_int_equal(o->row_count, csv->row_count);
        for (size_t c = 0; c < csv->columns; c++)
            assert_string_equal(o->headers[c], csv->headers[c]);
        for (size_t i = 0; i < csv->row_count; i++) {
            /* CSV counts lines (a cell spanning two shifts the rest by one);
             * spreadsheets count rows. */
            if (k == 0)
                assert_int_equal(o->rows[i].line, csv->rows[i].line);
            else
                assert_int_equal(o->rows[i].line, csv->rows[i].line - (i >= 3));
            for (size_t c = 0; c + 1 < csv->columns; c++)
                assert_string_equal(o->rows[i].cells[c].text, csv->rows[i].cells[c].text);
            /* The date column: typed text in CSV, date cells in the spreadsheets. */
            const ck_cell *date = &o->rows[i].cells[10];
            const char *typed = csv->rows[i].cells[10].text;
            if (!typed[0]) {
                assert_string_equal(date->text, "");
            } else {
                ck_date d;
                assert_int_equal(ck_date_parse(typed, &d, NULL, 0), 0);
                if (k == 0) {
                    assert_string_equal(date->text, typed);
                } else {
                    assert_int_equal(date->kind, CK_CELL_DATE);
                    assert_true(date->date.year == d.year && date->date.month == d.month && date->date.day == d.day);
                }
            }
        }
        ck_roster_free(o);
    }
    ck_roster_free(csv);
}

static void sample_numbers_are_valid(void **state)
{
    (void)state;
    ck_roster *r = read_sample("samples/roster.csv");
    int old_resident = 0, new_resident = 0, seventh_seven = 0;
    for (size_t i = 0; i < r->row_count; i++) {
        ck_id_result id;
        assert_int_equal(ck_id_check_business(r->rows[i].cells[2].text, NULL), CK_ID_VALID);
        assert_int_equal(ck_id_check_person(r->rows[i].cells[6].text, &id), CK_ID_VALID);
        old_resident += id.kind == CK_ID_KIND_RESIDENT_OLD;
        new_resident += id.kind == CK_ID_KIND_RESIDENT_NEW;
        seventh_seven += r->rows[i].cells[2].text[6] == '7';
    }
    assert_true(old_resident && new_resident && seventh_seven);
    ck_roster_free(r);
}

static void records_in_yaml_and_json_agree(void **state)
{
    (void)state;
    ck_value *yaml = NULL, *json = NULL;
    ck_error err;
    ck_error_clear(&err);
    assert_int_equal(ck_record_read("samples/record.yaml", NULL, &yaml, &err), 0);
    assert_int_equal(ck_record_read("samples/record.json", NULL, &json, &err), 0);
    const ck_value *y = yaml->items[0], *j = json->items[0];
    assert_int_equal(y->count, j->count);
    for (size_t i = 0; i < y->count; i++) {
        const ck_value *jv = ck_value_get(j, y->keys[i]);
        assert_non_null(jv);
        if (strcmp(y->keys[i], "簽署日期") == 0) {
            ck_date a, b;
            assert_int_equal(ck_date_parse(y->items[i]->string, &a, NULL, 0), 0);
            assert_int_equal(ck_date_parse(jv->string, &b, NULL, 0), 0);
            assert_true(a.year == b.year && a.month == b.month && a.day == b.day);
        } else {
            assert_string_equal(y->items[i]->string, jv->string);
        }
    }
    assert_int_equal(ck_id_check_person(ck_value_get(y, "身分證字號")->string, NULL), CK_ID_VALID);
    ck_value_free(yaml);
    ck_value_free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(all_roster_formats_agree),
        cmocka_unit_test(sample_numbers_are_valid),
        cmocka_unit_test(records_in_yaml_and_json_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
