"""The theme's frame is mended only where it breaks HTML."""

from xiaobao.site.theme_markup import mend_theme_markup

FRAME = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
         '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">\n'
         '<input type="text" class="md-search__input" name="query" autocomplete="off">')


def test_checkboxes_lose_autocomplete_text_inputs_keep_it():
    out = mend_theme_markup(FRAME)
    assert 'id="__drawer">' in out and 'id="__search">' in out
    assert out.count('autocomplete="off"') == 1 and 'name="query" autocomplete="off"' in out


def test_an_editors_text_is_left_alone():
    text = '<p>type="checkbox" id="__drawer" autocomplete="off"&gt;</p>'
    assert mend_theme_markup(text) == text
