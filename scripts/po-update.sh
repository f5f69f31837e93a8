#!/bin/sh
# Refreshes po/zh_CN.po from the sources: every .c file that marks strings with N_() is listed
# in po/POTFILES, extracted with xgettext and merged; new msgids arrive with an empty msgstr.
set -eu
cd "$(dirname "$0")/.."
grep -lE 'N_\(|TR\(|core_tr_now\(' src/*.c src/*/*.c | sort > po/POTFILES
xgettext --from-code=UTF-8 --keyword=N_ --keyword=_ --keyword=TR --keyword=core_tr_now --add-comments --no-location \
	-o po/mishu.pot -f po/POTFILES -D .
msgmerge --quiet --update --no-fuzzy-matching --backup=none po/zh_CN.po po/mishu.pot
msgattrib --no-obsolete -o po/zh_CN.po po/zh_CN.po
rm -f po/mishu.pot
untranslated=$(msgattrib --untranslated po/zh_CN.po | grep -c '^msgid' || true)
echo "po/zh_CN.po: $untranslated untranslated (including the header)"
