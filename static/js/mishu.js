/* mishu.js — progressive enhancement only. Every page works without it; this file makes a few
 * things smoother. Loaded with `defer` after htmx; no inline scripts (the CSP forbids them).
 *
 *  - the phone menu (<details class="nav-menu">) closes after a link is chosen, on Escape and
 *    on a tap outside it;
 *  - on wide screens, browsers that cannot show a closed <details>' content through CSS get the
 *    menu opened, so the navigation bar is always visible;
 *  - htmx requests carry the page's CSRF token (from <meta name="csrf-token">) as X-CSRF-Token;
 *  - forms and buttons with data-confirm="…" ask before submitting;
 *  - buttons with data-print print the page (window.print; hidden without scripts);
 *  - <html> gets class "js".
 */
(function () {
	'use strict';

	/* Lets the stylesheet (and the browser test) tell that scripts run: <html class="js">. */
	document.documentElement.classList.add('js');

	var wide = window.matchMedia ? window.matchMedia('(min-width: 48em)') : null;
	var cssOpensMenu = !!(window.CSS && CSS.supports && CSS.supports('selector(::details-content)'));

	function menus() {
		return document.querySelectorAll('details.nav-menu');
	}

	/* Wide screens show the whole bar; phones start collapsed. */
	function fitMenu() {
		if (!wide || cssOpensMenu)
			return;
		menus().forEach(function (d) {
			d.open = wide.matches;
		});
	}

	function closeMenus(except) {
		if (wide && wide.matches)
			return;
		menus().forEach(function (d) {
			if (d !== except)
				d.open = false;
		});
	}

	document.addEventListener('DOMContentLoaded', function () {
		fitMenu();
		if (wide && wide.addEventListener)
			wide.addEventListener('change', fitMenu);
	});

	document.addEventListener('click', function (e) {
		var link = e.target.closest && e.target.closest('a');
		var menu = e.target.closest && e.target.closest('details.nav-menu');
		if (menu && link)
			closeMenus(null); /* navigating: fold the menu so "back" shows a tidy page */
		else
			closeMenus(menu);
	});

	document.addEventListener('keydown', function (e) {
		if (e.key !== 'Escape')
			return;
		var menu = document.activeElement && document.activeElement.closest &&
			   document.activeElement.closest('details.nav-menu');
		if (menu && menu.open && !(wide && wide.matches)) {
			menu.open = false;
			menu.querySelector('summary').focus();
		}
	});

	/* Pages restored from the back/forward cache keep their open menu: fold it. */
	window.addEventListener('pageshow', function (e) {
		if (e.persisted)
			closeMenus(null);
	});

	/* htmx: send the CSRF token with every request it makes. */
	document.addEventListener('htmx:configRequest', function (e) {
		var meta = document.querySelector('meta[name="csrf-token"]');
		if (meta && meta.content)
			e.detail.headers['X-CSRF-Token'] = meta.content;
	});

	/* data-print: a "print" button (the page prints through print.css without the chrome). */
	document.addEventListener('click', function (e) {
		var btn = e.target.closest && e.target.closest('[data-print]');
		if (btn) {
			e.preventDefault();
			window.print();
		}
	});

	/* data-confirm="…": ask before a destructive submit. */
	document.addEventListener('submit', function (e) {
		var form = e.target;
		var btn = e.submitter;
		var text = (btn && btn.getAttribute('data-confirm')) || form.getAttribute('data-confirm');
		if (text && !window.confirm(text))
			e.preventDefault();
	}, true);
})();
