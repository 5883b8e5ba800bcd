/* The DOCX reader: package, text runs, tracked changes, fields, content
 * controls, tables, notes, text boxes, headers and footers (numbering and
 * styles: test_numbering.c, test_docx_styles.c). */
#include "reader/docx_support.h"

static void main_part_found_through_rels(void **state)
{
    (void)state;
    docx_spec s = { .body = P("甲方依本契約辦理。"), .main = "content/contract.xml" };
    ck_document *doc = docx_load(&s);
    assert_int_equal(doc->count, 1);
    assert_string_equal(doc->blocks[0].text, "甲方依本契約辦理。");
    assert_string_equal(doc->blocks[0].part, "content/contract.xml");
    assert_int_equal(doc->format, CK_FORMAT_DOCX);
    ck_document_free(doc);

    /* word/document.xml present but not named by _rels/.rels: ignored. */
    const char *decoy = ck_test_package(
        "decoy.docx", "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
        "_rels/.rels",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"main/doc%20one.xml\"/></Relationships>",
        "word/document.xml", "<w:document xmlns:w=\"" T_NS_W "\"><w:body>" P("誘餌") "</w:body></w:document>",
        "main/doc one.xml", "<w:document xmlns:w=\"" T_NS_W "\"><w:body>" P("正文") "</w:body></w:document>", NULL);
    ck_error err;
    ck_error_clear(&err);
    assert_int_equal(ck_reader_read(decoy, NULL, &doc, &err), 0);
    assert_string_equal(docx_texts(doc), "正文");
    ck_document_free(doc);
}

static void strict_namespace_reads_alike(void **state)
{
    (void)state;
    docx_spec s = { .strict = 1,
                    .styles = "<w:style w:type=\"paragraph\" w:styleId=\"H1\"><w:name w:val=\"heading 1\"/></w:style>",
                    .numbering = "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
                                 "<w:numFmt w:val=\"taiwaneseCountingThousand\"/><w:lvlText w:val=\"第%1條\"/></w:lvl></w:abstractNum>"
                                 "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>",
                    .body = "<w:p><w:pPr><w:pStyle w:val=\"H1\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
                            "<w:r><w:t>保密</w:t></w:r></w:p>" P("乙方應保密。") };
    ck_document *doc = docx_load(&s);
    assert_int_equal(doc->count, 2);
    assert_int_equal(doc->blocks[0].kind, CK_BLOCK_HEADING);
    assert_int_equal(doc->blocks[0].level, 1);
    assert_string_equal(doc->blocks[0].label, "第一條");
    assert_string_equal(doc->blocks[0].text, "保密");
    assert_string_equal(doc->blocks[1].location, "第一條");
    assert_int_equal(doc->blocks[1].article_number, 1);
    ck_document_free(doc);
}

static void tracked_changes(void **state)
{
    (void)state;
    docx_spec s = {
        .body = "<w:p><w:r><w:t>履約期限</w:t></w:r>"
                "<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>180</w:delText></w:r></w:del>"
                "<w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>210</w:t></w:r></w:ins>"
                "<w:r><w:t>日</w:t></w:r></w:p>"
                "<w:p><w:moveFrom w:id=\"3\"><w:r><w:t>舊位置</w:t></w:r></w:moveFrom><w:r><w:t>其他</w:t></w:r></w:p>"
                "<w:p><w:moveTo w:id=\"4\"><w:r><w:t>新位置</w:t></w:r></w:moveTo></w:p>"
                "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:delInstrText>PAGE</w:delInstrText></w:r>"
                "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:del w:id=\"5\"><w:r><w:delText>全刪</w:delText></w:r></w:del></w:p>"
                "<w:p><w:pPr><w:rPr><w:del w:id=\"6\" w:author=\"a\"/></w:rPr></w:pPr><w:r><w:t>前半</w:t></w:r></w:p>"
                "<w:p><w:r><w:t>後半</w:t></w:r></w:p>"
    };
    ck_document *doc = docx_load(&s);
    assert_string_equal(docx_texts(doc), "履約期限210日|其他|新位置|前半後半");
    const ck_block *b = &doc->blocks[0];
    assert_int_equal(b->span_count, 1);
    assert_int_equal(b->spans[0].start, strlen("履約期限"));
    assert_int_equal(b->spans[0].end, strlen("履約期限210"));
    assert_int_equal(b->spans[0].flags, CK_SPAN_INSERTED);
    assert_false(b->flags & CK_BLOCK_INSERTED);
    assert_true(doc->blocks[2].flags & CK_BLOCK_INSERTED);
    /* the merged paragraph keeps the first paragraph's index */
    assert_int_equal(doc->blocks[3].source_index, 4);
    ck_document_free(doc);
}

static void runs_split_and_special_characters(void **state)
{
    (void)state;
    docx_spec s = {
        .body = "<w:p><w:r w:rsidR=\"00A1\"><w:t>乙</w:t></w:r><w:proofErr w:type=\"spellStart\"/>"
                "<w:r w:rsidR=\"00B2\"><w:t>方</w:t></w:r><w:proofErr w:type=\"spellEnd\"/><w:r><w:t>應</w:t></w:r></w:p>"
                "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
                "<w:r><w:t>項目</w:t><w:tab/><w:t>金額</w:t><w:br/><w:t>次行</w:t>"
                "<w:br w:type=\"page\"/><w:t>新頁</w:t><w:cr/><w:t>x</w:t></w:r></w:p>"
                "<w:p><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FE\"/><w:t>同意</w:t><w:sym w:font=\"Wingdings\" w:char=\"F0A8\"/>"
                "<w:t>不同意</w:t></w:r></w:p>"
                "<w:p><w:r><w:t>ISO</w:t><w:noBreakHyphen/><w:t>27001</w:t><w:t>資</w:t><w:softHyphen/><w:t>安</w:t></w:r></w:p>"
                "<w:p><w:r><w:t xml:space=\"preserve\">  </w:t></w:r></w:p>"
                "<w:p><w:ruby><w:rubyPr/><w:rt><w:r><w:t>ㄐㄧㄚˇ</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>甲</w:t></w:r></w:rubyBase></w:ruby></w:p>"
    };
    ck_document *doc = docx_load(&s);
    assert_string_equal(docx_texts(doc), "乙方應|項目\t金額\n次行新頁\nx|☑同意□不同意|ISO-27001資安|甲");
    ck_document_free(doc);
}

static void content_controls_and_check_boxes(void **state)
{
    (void)state;
    docx_spec s = {
        .body = "<w:sdt><w:sdtPr><w:alias w:val=\"名稱\"/></w:sdtPr><w:sdtContent>" P("區塊控制項") "</w:sdtContent></w:sdt>"
                "<w:p><w:r><w:t>廠商：</w:t></w:r><w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent>"
                "<w:r><w:t>青嵐公司</w:t></w:r></w:sdtContent></w:sdt></w:p>"
                "<w:p><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"1\"/></w14:checkbox></w:sdtPr>"
                "<w:sdtContent><w:r><w:t>☒</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>已投保</w:t></w:r>"
                "<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"0\"/></w14:checkbox></w:sdtPr>"
                "<w:sdtContent><w:r><w:t>☐</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>未投保</w:t></w:r></w:p>"
                "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:checkBox><w:default w:val=\"1\"/></w:checkBox></w:ffData></w:fldChar></w:r>"
                "<w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t>舊式</w:t></w:r></w:p>"
    };
    ck_document *doc = docx_load(&s);
    assert_string_equal(docx_texts(doc), "區塊控制項|廠商：青嵐公司|☑已投保☐未投保|☑舊式");
    ck_document_free(doc);
}

/* Check-box content controls decide which options are agreed text. */
static void check_box_controls_decide_agreed_text(void **state)
{
    (void)state;
    docx_spec s = {
        .body = P("第五條 保密")
                P("(一)廠商應採下列方式之一：")
                "<w:p><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"0\"/></w14:checkbox></w:sdtPr>"
                "<w:sdtContent><w:r><w:t>☐</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>書面同意。</w:t></w:r></w:p>"
                P("1.同意書由機關保存。")
                "<w:p><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val=\"1\"/></w14:checkbox></w:sdtPr>"
                "<w:sdtContent><w:r><w:t>☐</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>保密切結。</w:t></w:r></w:p>"
                P("(二)違反者負賠償責任。")
    };
    ck_document *doc = docx_load(&s);
    assert_string_equal(docx_texts(doc), "第五條 保密|(一)廠商應採下列方式之一：|☐書面同意。|1.同意書由機關保存。|☑保密切結。|(二)違反者負賠償責任。");
    static const int unagreed[] = { 0, 0, 1, 1, 0, 0 };
    for (size_t i = 0; i < doc->count; i++)
        assert_int_equal((doc->blocks[i].flags & CK_BLOCK_UNAGREED) != 0, unagreed[i]);
    ck_document_free(doc);
}

static void hyperlinks_and_fields(void **state)
{
    (void)state;
    docx_spec s = {
        .body = "<w:p><w:r><w:t>詳見</w:t></w:r><w:hyperlink r:id=\"rId4\"><w:r><w:t>網站</w:t></w:r></w:hyperlink></w:p>"
                "<w:p><w:r><w:t>第</w:t></w:r><w:fldSimple w:instr=\" REVNUM \"><w:r><w:t>3</w:t></w:r></w:fldSimple>"
                "<w:r><w:t>版</w:t></w:r></w:p>"
                "<w:p><w:r><w:t>日期：</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                "<w:r><w:instrText xml:space=\"preserve\"> DATE \\@ \"yyyy/M/d\" </w:instrText></w:r>"
                "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>NESTED</w:instrText></w:r>"
                "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>內層結果</w:t></w:r>"
                "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2026/10/15</w:t></w:r>"
                "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t>止</w:t></w:r></w:p>"
                "<w:p><w:r><w:t>殘缺</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                "<w:r><w:instrText>PAGE</w:instrText></w:r></w:p>"
                "<w:p><w:smartTag w:uri=\"u\" w:element=\"e\"><w:r><w:t>智慧</w:t></w:r></w:smartTag>"
                "<w:customXml w:element=\"c\"><w:r><w:t>標籤</w:t></w:r></w:customXml></w:p>"
    };
    ck_document *doc = docx_load(&s);
    /* a field that lost its separator hides nothing past its paragraph */
    assert_string_equal(docx_texts(doc), "詳見網站|第3版|日期：2026/10/15止|殘缺|智慧標籤");
    ck_document_free(doc);
}

static void tables_nested(void **state)
{
    (void)state;
    docx_spec s = {
        .body = P("第五條　付款") "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
                "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>" P("期別") "</w:tc><w:tc>" P("金額") "</w:tc></w:tr>"
                "<w:tr><w:tc>" P("一") P("二") "</w:tc><w:tc>"
                "<w:tbl><w:tr><w:tc>" P("內") "</w:tc><w:tc>" P("層") "</w:tc></w:tr></w:tbl>"
                "</w:tc><w:tc>" P("100") "</w:tc></w:tr></w:tbl>" P("表後")
    };
    ck_document *doc = docx_load(&s);
    assert_string_equal(docx_texts(doc), "第五條　付款|期別|金額|一|二|內|層|100|表後");
    const ck_block *b = docx_find(doc, "金額");
    assert_int_equal(b->kind, CK_BLOCK_TABLE_CELL);
    assert_true(b->flags & CK_BLOCK_IN_TABLE);
    assert_int_equal(b->table, 1);
    assert_int_equal(b->row, 1);
    assert_int_equal(b->column, 3); /* after a cell spanning two columns */
    b = docx_find(doc, "二");
    assert_int_equal(b->row, 2);
    assert_int_equal(b->column, 1);
    b = docx_find(doc, "層");
    assert_int_equal(b->table, 2);
    assert_int_equal(b->row, 1);
    assert_int_equal(b->column, 2);
    assert_string_equal(b->location, "第五條 表 2 第 1 列");
    b = docx_find(doc, "100");
    assert_int_equal(b->table, 1);
    assert_int_equal(b->column, 3);
    assert_string_equal(b->location, "第五條 表 1 第 2 列");
    b = docx_find(doc, "表後");
    assert_int_equal(b->kind, CK_BLOCK_PARAGRAPH);
    assert_int_equal(b->flags & CK_BLOCK_IN_TABLE, 0);
    assert_int_equal(b->source_index, 8);
    ck_document_free(doc);
}

static void footnotes_follow_their_reference(void **state)
{
    (void)state;
    docx_spec s = {
        .footnotes = "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
                     "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:t>分隔</w:t></w:r></w:p></w:footnote>"
                     "<w:footnote w:id=\"2\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> 第二個註腳</w:t></w:r></w:p></w:footnote>"
                     "<w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>依資安法辦理。</w:t></w:r></w:p>"
                     "<w:p><w:r><w:t>註腳第二段</w:t></w:r></w:p></w:footnote>"
                     "<w:footnote w:id=\"9\"><w:p><w:r><w:t>沒有引用</w:t></w:r></w:p></w:footnote>",
        .body = P("第一條　資安") "<w:p><w:r><w:t>乙方應通報</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r>"
                "<w:r><w:t>。</w:t></w:r></w:p>" P("下一段") "<w:p><w:r><w:t>再一段</w:t></w:r>"
                "<w:r><w:footnoteReference w:id=\"2\"/></w:r></w:p>"
    };
    ck_document *doc = docx_load(&s);
    assert_string_equal(docx_texts(doc), "第一條　資安|乙方應通報。|依資安法辦理。|註腳第二段|下一段|再一段| 第二個註腳|沒有引用");
    const ck_block *b = docx_find(doc, "依資安法辦理。");
    assert_int_equal(b->kind, CK_BLOCK_FOOTNOTE);
    assert_int_equal(b->note, 1);
    assert_string_equal(b->part, "word/footnotes.xml");
    assert_string_equal(b->location, "第一條 註腳 1");
    assert_int_equal(docx_find(doc, "註腳第二段")->note, 1);
    assert_int_equal(docx_find(doc, " 第二個註腳")->note, 2);
    assert_int_equal(docx_find(doc, "沒有引用")->note, 3);
    ck_document_free(doc);
}

/* Thirty notes defined in one order and referenced in the reverse one:
 * every note lands after its reference, whatever cycles the move makes. */
static void many_notes_referenced_out_of_order(void **state)
{
    (void)state;
    ck_buf notes = CK_BUF_INIT, body = CK_BUF_INIT, expect = CK_BUF_INIT;
    for (int id = 1; id <= 30; id++)
        ck_buf_printf(&notes, "<w:footnote w:id=\"%d\"><w:p><w:r><w:t>註%d</w:t></w:r></w:p></w:footnote>", id, id);
    for (int i = 1; i <= 30; i++) {
        int id = 31 - i;
        ck_buf_printf(&body, "<w:p><w:r><w:t>段%d</w:t></w:r><w:r><w:footnoteReference w:id=\"%d\"/></w:r></w:p>", i, id);
        ck_buf_printf(&expect, "%s段%d|註%d", i > 1 ? "|" : "", i, id);
    }
    docx_spec s = { .footnotes = notes.data, .body = body.data };
    ck_document *doc = docx_load(&s);
    assert_string_equal(docx_texts(doc), expect.data);
    for (int i = 1; i <= 30; i++) {
        const ck_block *b = &doc->blocks[2 * i - 1];
        assert_int_equal(b->kind, CK_BLOCK_FOOTNOTE);
        assert_int_equal(b->note, i); /* numbered in the order of reference */
    }
    ck_document_free(doc);
    ck_buf_free(&notes);
    ck_buf_free(&body);
    ck_buf_free(&expect);
}

static void endnotes_and_table_of_contents_controls(void **state)
{
    (void)state;
    docx_spec s = {
        .endnotes = "<w:endnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>"
                    "<w:endnote w:id=\"1\"><w:p><w:r><w:t>章節附註內容</w:t></w:r></w:p></w:endnote>",
        .body = "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/></w:docPartObj></w:sdtPr>"
                "<w:sdtContent>" P("目錄第一行") P("目錄第二行") "</w:sdtContent></w:sdt>"
                "<w:p><w:r><w:t>本文</w:t></w:r><w:r><w:endnoteReference w:id=\"1\"/></w:r></w:p>" P("結尾")
    };
    ck_document *doc = docx_load(&s);
    assert_string_equal(docx_texts(doc), "目錄第一行|目錄第二行|本文|章節附註內容|結尾");
    assert_true(doc->blocks[0].flags & CK_BLOCK_TOC);
    assert_true(doc->blocks[1].flags & CK_BLOCK_TOC);
    assert_false(doc->blocks[2].flags & CK_BLOCK_TOC);
    assert_int_equal(doc->blocks[3].kind, CK_BLOCK_ENDNOTE);
    assert_int_equal(doc->blocks[3].note, 1);
    assert_string_equal(doc->blocks[3].part, "word/endnotes.xml");
    assert_string_equal(doc->blocks[3].location, "章節附註 1");
    ck_document_free(doc);
}

static void text_box_read_once(void **state)
{
    (void)state;
    docx_spec s = {
        .body = "<w:p><w:r><w:t>錨點段落</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:wsp><wps:txbx>"
                "<w:txbxContent>" P("提醒：請配戴識別證") "</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>"
                "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>" P("提醒：請配戴識別證")
                "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
                P("後續段落")
                "<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>" P("舊式方塊") "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    };
    ck_document *doc = docx_load(&s);
    assert_string_equal(docx_texts(doc), "錨點段落|提醒：請配戴識別證|後續段落|舊式方塊");
    const ck_block *b = docx_find(doc, "提醒：請配戴識別證");
    assert_int_equal(b->kind, CK_BLOCK_TEXT_BOX);
    assert_true(b->flags & CK_BLOCK_IN_TEXT_BOX);
    assert_int_equal(b->text_box, 1);
    assert_int_equal(b->source_index, 1);
    assert_string_equal(b->location, "文字方塊 1");
    /* the Fallback copy is not read but its w:p counts: the next body paragraph is w:p #3 */
    assert_int_equal(docx_find(doc, "後續段落")->source_index, 3);
    b = docx_find(doc, "舊式方塊");
    assert_int_equal(b->text_box, 2);
    assert_int_equal(b->source_index, 5);
    /* the empty anchor paragraph of the old-style box is not a block */
    assert_int_equal(doc->count, 4);
    ck_document_free(doc);
}

static void headers_and_footers_once(void **state)
{
    (void)state;
    docx_spec s = {
        .header = P("機密等級：限閱"),
        .footer = "<w:p><w:r><w:t>第 </w:t></w:r><w:fldSimple w:instr=\"PAGE\"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>",
        .body = "<w:p><w:pPr><w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId10\"/></w:sectPr></w:pPr>"
                "<w:r><w:t>第一節</w:t></w:r></w:p>" P("第二節")
                "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId10\"/><w:footerReference w:type=\"default\" r:id=\"rId11\"/></w:sectPr>"
    };
    ck_document *doc = docx_load(&s);
    assert_string_equal(docx_texts(doc), "第一節|第二節|機密等級：限閱|第 1");
    assert_int_equal(doc->blocks[2].kind, CK_BLOCK_HEADER);
    assert_string_equal(doc->blocks[2].location, "頁首");
    assert_string_equal(doc->blocks[2].part, "word/header1.xml");
    assert_int_equal(doc->blocks[3].kind, CK_BLOCK_FOOTER);
    assert_string_equal(doc->blocks[3].location, "頁尾");
    ck_document_free(doc);
}

static void math_text_and_source_indexes(void **state)
{
    (void)state;
    docx_spec s = {
        .body = "<w:p/>" P("一") "<w:p><m:oMath><m:r><m:t>x+1</m:t></m:r></m:oMath></w:p>"
                "<w:tbl><w:tr><w:tc><w:p/>" P("格") "</w:tc></w:tr></w:tbl>" P("二")
    };
    ck_document *doc = docx_load(&s);
    assert_string_equal(docx_texts(doc), "一|x+1|格|二");
    assert_int_equal(doc->blocks[0].source_index, 1);
    assert_int_equal(doc->blocks[1].source_index, 2);
    assert_int_equal(doc->blocks[2].source_index, 4);
    assert_int_equal(doc->blocks[3].source_index, 5);
    ck_document_free(doc);
}

static int read_error(const char *path, ck_error *err)
{
    ck_document *doc = NULL;
    ck_error_clear(err);
    int rc = ck_reader_read(path, NULL, &doc, err);
    assert_null(doc);
    return rc;
}

static void package_errors(void **state)
{
    (void)state;
    ck_error err;
    const char *types = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
    const char *p = ck_test_package("norels.docx", "[Content_Types].xml", types, "word/document.xml",
                                    "<w:document xmlns:w=\"" T_NS_W "\"/>", NULL);
    assert_int_equal(read_error(p, &err), CK_EINPUT);
    assert_non_null(strstr(err.message, "_rels/.rels"));
    assert_non_null(strstr(err.file, "norels.docx"));

    p = ck_test_package("nomain.docx", "[Content_Types].xml", types, "_rels/.rels",
                        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>", NULL);
    assert_int_equal(read_error(p, &err), CK_EINPUT);
    assert_non_null(strstr(err.message, "officeDocument"));

    p = ck_test_package("dangling.docx", "[Content_Types].xml", types, "_rels/.rels",
                        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        "<Relationship Id=\"r\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                        "Target=\"word/document.xml\"/></Relationships>",
                        NULL);
    assert_int_equal(read_error(p, &err), CK_EINPUT);
    assert_non_null(strstr(err.message, "word/document.xml"));

    p = ck_test_package("sheet.docx", "[Content_Types].xml", types, "_rels/.rels",
                        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        "<Relationship Id=\"r\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                        "Target=\"xl/workbook.xml\"/></Relationships>",
                        "xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>", NULL);
    assert_int_equal(read_error(p, &err), CK_EINPUT);
    /* An Excel file is named as one, before its parts are read. */
    assert_non_null(strstr(err.message, ".xlsx"));

    p = ck_test_package("odd.docx", "[Content_Types].xml", types, "_rels/.rels",
                        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        "<Relationship Id=\"r\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                        "Target=\"word/main.xml\"/></Relationships>",
                        "word/main.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>", NULL);
    assert_int_equal(read_error(p, &err), CK_EINPUT);
    assert_non_null(strstr(err.message, "workbook"));
    assert_string_equal(err.part, "word/main.xml");

    docx_spec s = { .body = "<w:p><w:r><w:t>未結束</w:t></w:r>" };
    p = docx_build("broken.docx", &s);
    assert_int_equal(read_error(p, &err), CK_EINPUT);
    assert_string_equal(err.part, "word/document.xml");
    assert_true(err.line > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(main_part_found_through_rels),
        cmocka_unit_test(strict_namespace_reads_alike),
        cmocka_unit_test(tracked_changes),
        cmocka_unit_test(runs_split_and_special_characters),
        cmocka_unit_test(content_controls_and_check_boxes),
        cmocka_unit_test(check_box_controls_decide_agreed_text),
        cmocka_unit_test(hyperlinks_and_fields),
        cmocka_unit_test(tables_nested),
        cmocka_unit_test(footnotes_follow_their_reference),
        cmocka_unit_test(many_notes_referenced_out_of_order),
        cmocka_unit_test(endnotes_and_table_of_contents_controls),
        cmocka_unit_test(text_box_read_once),
        cmocka_unit_test(headers_and_footers_once),
        cmocka_unit_test(math_text_and_source_indexes),
        cmocka_unit_test(package_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
