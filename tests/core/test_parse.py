from leotalk_publish import model as m
from leotalk_publish.parse import parse_markdown


def only_paragraph(text: str) -> m.Paragraph:
    (block,) = parse_markdown(text).blocks
    assert isinstance(block, m.Paragraph)
    return block


def test_bold_next_to_fullwidth_quotes_is_bold():
    para = only_paragraph("这是**“引用”**之后")
    assert para.children == (m.Text("这是"), m.Strong((m.Text("“引用”"),)), m.Text("之后"))


def test_soft_break_joins_chinese_without_space_and_latin_with_one():
    para = only_paragraph("中文第一行\n第二行\nword one\nnext")
    assert para.children == (m.Text("中文第一行第二行 word one next"),)


def test_hard_break_is_kept():
    para = only_paragraph("一行\\\n二行  \n三行")
    assert para.children == (m.Text("一行"), m.HardBreak(), m.Text("二行"), m.HardBreak(), m.Text("三行"))


def test_list_right_after_a_paragraph_line():
    doc = parse_markdown("关键点：\n- 首个\n- 第二")
    assert isinstance(doc.blocks[0], m.Paragraph)
    assert isinstance(doc.blocks[1], m.BulletList)
    assert len(doc.blocks[1].items) == 2


def test_paragraph_of_images_becomes_figures():
    doc = parse_markdown("![a](a.png)\n![b](b.png \"图注\")\n\n文字 ![c](c.png)")
    figures, para = doc.blocks
    assert isinstance(figures, m.Figures)
    assert [(i.src, i.caption) for i in figures.images] == [("a.png", ""), ("b.png", "图注")]
    assert isinstance(para.children[-1], m.InlineImage)


def test_lines_count_from_the_file_top():
    doc = parse_markdown("# 标题\n\n段落", line_offset=5)
    assert [b.line for b in doc.blocks] == [6, 8]


def test_soft_break_next_to_fullwidth_punctuation_adds_no_space():
    para = only_paragraph("模型发布，\nGPT 更新\n见下文\n（完）")
    assert para.children == (m.Text("模型发布，GPT 更新见下文（完）"),)


def test_a_list_may_start_at_zero():
    (block,) = parse_markdown("0. 零\n1. 一\n").blocks
    assert isinstance(block, m.OrderedList) and block.start == 0
    (block,) = parse_markdown("1. 一\n").blocks
    assert isinstance(block, m.OrderedList) and block.start == 1
