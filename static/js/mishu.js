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
 *  - <html> gets class "js";
 *  - every signed-in page opens one stream of /api/v1/events, remembering the last event id in
 *    sessionStorage so that the next page of the tab replays what came in between
 *    (?last_event_id=; the EventSource itself sends Last-Event-ID when it reconnects);
 *  - alerts: an event of one of ALERT_TYPES whose data has "alert": {"title", "url", "level"}
 *    (see src/work/events.h) shows a banner at the top of the page linking to url, plays a short
 *    tone made with WebAudio (browsers allow sound once the user has touched the page), and
 *    shows a desktop notification where the user allowed them — the banner offers to allow
 *    them, asking only when its button is pressed;
 *  - the header's 待办 count stays live: on an "inbox" event of /api/v1/events (sent to the
 *    people a step concerns) the inbox is read again, the count updated, and an item that
 *    arrived is announced on the page and, where the user allowed it, as a desktop notification
 *    (the inbox page offers to allow them);
 *  - a meeting's page keeps its attendance and its members' rows live on the "meeting" event
 *    (sent to its members and the office when someone checks in or is granted leave);
 *  - <details data-open-wide> (a document's route cards) start open on wide screens, folded on
 *    phones;
 *  - a 批示 phrase button adds its phrase to the opinion box (the phrases are hidden without
 *    scripts: class "phrases" shows only under html.js).
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
		/* folded on phones, open on wide screens: the route cards of a document */
		if (wide && wide.matches)
			document.querySelectorAll('details[data-open-wide]').forEach(function (d) { d.open = true; });
		if (wide && wide.addEventListener)
			wide.addEventListener('change', fitMenu);
	});

	/* a file picker in the page's language: the chosen names beside the styled button */
	document.addEventListener('change', function (e) {
		var input = e.target;
		var names = input.classList && input.classList.contains('file-input') &&
			input.parentNode.querySelector('.file-names');
		if (!names)
			return;
		names.textContent = input.files && input.files.length
			? Array.prototype.map.call(input.files, function (f) { return f.name; }).join('、')
			: names.getAttribute('data-none');
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
	/* The page's one event stream, opened after the last event this tab has seen (null when
	 * the page has no signed-in user or the browser has no EventSource). */
	var LAST_ID_KEY = 'mishu.lastEventId';
	function openStream() {
		if (!document.querySelector('[data-live-alerts]') || !window.EventSource)
			return null;
		var last = null;
		try { last = window.sessionStorage.getItem(LAST_ID_KEY); } catch (err) { last = null; }
		var es = new EventSource('/api/v1/events' +
			(last && /^\d{1,18}$/.test(last) ? '?last_event_id=' + last : ''));
		es.remember = function (e) {
			if (e.lastEventId)
				try { window.sessionStorage.setItem(LAST_ID_KEY, e.lastEventId); } catch (err) { /* private mode */ }
		};
		es.addEventListener('hello', es.remember);
		window.addEventListener('pagehide', function () { es.close(); });
		return es;
	}

	/* Event types whose "alert" data every page shows (src/work/events.h). */
	var ALERT_TYPES = ['alert', 'incident', 'incident.escalated', 'incident.report', 'report.urgent'];
	var MAX_BANNERS = 3;
	var audio = null, lastTone = 0;

	/* A short two-note tone, at most one every two seconds (a replay may bring many alerts at
	 * once). Browsers start an AudioContext only after a user gesture on the page, so the first
	 * tap or key press prepares one; before that the alert is silent. */
	function tone() {
		var AC = window.AudioContext || window.webkitAudioContext;
		if (!AC)
			return 'none';
		if (Date.now() - lastTone < 2000)
			return audio ? audio.state : 'none';
		lastTone = Date.now();
		try {
			if (!audio)
				audio = new AC();
			if (audio.state === 'suspended')
				audio.resume();
			var t = audio.currentTime, osc = audio.createOscillator(), gain = audio.createGain();
			osc.type = 'sine';
			osc.frequency.setValueAtTime(880, t);
			osc.frequency.setValueAtTime(660, t + 0.18);
			gain.gain.setValueAtTime(0.0001, t);
			gain.gain.exponentialRampToValueAtTime(0.25, t + 0.02);
			gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.4);
			osc.connect(gain);
			gain.connect(audio.destination);
			osc.start(t);
			osc.stop(t + 0.42);
			return audio.state;
		} catch (err) {
			return 'failed';
		}
	}
	function unlockAudio() {
		var AC = window.AudioContext || window.webkitAudioContext;
		if (AC && !audio)
			try { audio = new AC(); } catch (err) { audio = null; }
		if (audio && audio.state === 'suspended')
			audio.resume();
	}
	document.addEventListener('pointerdown', unlockAudio, { once: true, capture: true });
	document.addEventListener('keydown', unlockAudio, { once: true, capture: true });

	/* A same-site path, or the notifications inbox: an event never sends the user elsewhere. */
	function safePath(url) {
		return typeof url === 'string' && /^\/(?![\/\\])/.test(url) ? url : '/notifications';
	}

	/* Banners, a tone and desktop notifications for the stream's alerts. */
	function liveAlerts(es) {
		var region = document.querySelector('[data-live-alerts]');
		if (!es || !region)
			return;

		function show(type, id, alert) {
			var level = /^(info|warning|urgent)$/.test(alert.level) ? alert.level : 'warning';
			var url = safePath(alert.url);
			var banner = document.createElement('div');
			var link = document.createElement('a');
			var close = document.createElement('button');
			banner.className = 'live-alert live-alert-' + level;
			banner.setAttribute('data-alert', type);
			banner.setAttribute('data-alert-id', id);
			link.href = url;
			link.textContent = String(alert.title);
			banner.appendChild(link);
			if (window.Notification && Notification.permission === 'default') {
				var allow = document.createElement('button');
				allow.type = 'button';
				allow.className = 'btn btn-link';
				allow.setAttribute('data-alert-notify', '');
				allow.textContent = region.getAttribute('data-notify-label');
				allow.addEventListener('click', function () {
					Notification.requestPermission().then(function () {
						region.querySelectorAll('[data-alert-notify]').forEach(function (b) { b.remove(); });
					});
				});
				banner.appendChild(allow);
			}
			close.type = 'button';
			close.className = 'live-alert-close';
			close.setAttribute('aria-label', region.getAttribute('data-dismiss-label'));
			close.textContent = '×';
			close.addEventListener('click', function () { banner.remove(); });
			banner.appendChild(close);
			region.insertBefore(banner, region.firstChild);
			while (region.children.length > MAX_BANNERS)
				region.lastChild.remove();
			region.setAttribute('data-sound', tone());
			if (window.Notification && Notification.permission === 'granted') {
				var n = new Notification(String(alert.title), {
					tag: 'mishu-alert-' + id, requireInteraction: level === 'urgent'
				});
				n.onclick = function () { window.focus(); window.location.href = url; };
			}
		}

		/* "on" once the stream is open: the browser test waits for it */
		es.addEventListener('hello', function () { region.setAttribute('data-live', 'on'); });
		ALERT_TYPES.forEach(function (type) {
			es.addEventListener(type, function (e) {
				var data = null;
				es.remember(e);
				try { data = JSON.parse(e.data); } catch (err) { return; }
				if (data && data.alert && typeof data.alert === 'object' && data.alert.title)
					show(type, e.lastEventId, data.alert);
			});
		});
	}

	/* The live 待办 count and the announcement of new items. */
	function liveInbox(es) {
		var badge = document.querySelector('[data-inbox-badge]');
		if (!es || !badge || !window.fetch)
			return;
		var count = badge.querySelector('[data-inbox-count]');
		var newLabel = badge.getAttribute('data-new-label') || '';

		function announce(item) {
			var text = newLabel + item.title + (item.step_label ? '（' + item.step_label + '）' : '');
			var toast = document.createElement('div');
			var link = document.createElement('a');
			toast.className = 'live-toast';
			toast.setAttribute('role', 'status');
			link.href = item.href;
			link.textContent = text;
			toast.appendChild(link);
			document.body.appendChild(toast);
			setTimeout(function () { toast.remove(); }, 15000);
			if (window.Notification && Notification.permission === 'granted') {
				var n = new Notification(newLabel + item.title, {
					body: item.step_label || '', tag: 'mishu-inbox-' + item.item_id
				});
				n.onclick = function () { window.focus(); window.location.href = item.href; };
			}
		}

		function refresh(itemId) {
			fetch('/api/v1/me/inbox', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
				.then(function (r) { return r.ok ? r.json() : null; })
				.then(function (inbox) {
					if (!inbox)
						return;
					var n = inbox.counts.total;
					count.textContent = String(n);
					badge.classList.toggle('inbox-badge-some', n > 0);
					badge.setAttribute('data-live', 'updated');
					inbox.items.forEach(function (it) {
						if (it.item_id === itemId)
							announce(it);
					});
				});
		}

		es.addEventListener('hello', function () { badge.setAttribute('data-live', 'on'); });
		es.addEventListener('inbox', function (e) {
			var data = null;
			es.remember(e);
			try { data = JSON.parse(e.data); } catch (err) { return; }
			refresh(data && data.item_id);
		});
		/* A meeting's page keeps its attendance live: 应到, 实到, 请假 and the quorum. */
		var live = document.querySelector('[data-meeting-live]');
		if (live)
			es.addEventListener('meeting', function (e) {
				var data = null;
				es.remember(e);
				try { data = JSON.parse(e.data); } catch (err) { return; }
				if (!data || String(data.meeting_id) !== live.getAttribute('data-meeting-live'))
					return;
				var a = data.attendance, set = function (sel, v) {
					var el = live.querySelector(sel);
					if (el && v !== undefined)
						el.textContent = String(v);
				};
				set('[data-att-expected]', a.expected);
				set('[data-att-present]', a.present);
				set('[data-att-leave]', a.leave);
				set('[data-att-words]', a.words);
				/* each member's row: the status in words, the reason, no check-in once here */
				var table = live.querySelector('[data-status-labels]'), labels = {};
				try { labels = JSON.parse(table.getAttribute('data-status-labels')) || {}; } catch (err) { labels = {}; }
				(data.members || []).forEach(function (m) {
					var row = table && table.querySelector('tr[data-member="' + CSS.escape(m.username) + '"]');
					if (!row)
						return;
					var st = row.querySelector('[data-member-status]'), why = row.querySelector('[data-member-reason]');
					if (st)
						st.textContent = labels[m.status] || m.status;
					if (why)
						why.textContent = m.reason || '';
					var form = row.querySelector('[data-member-check-in]');
					if (form && m.status === 'present')
						form.remove();
				});
				var q = live.querySelector('[data-att-quorum]');
				if (q && a.quorum_met !== undefined) {
					q.textContent = q.getAttribute(a.quorum_met ? 'data-yes' : 'data-no');
					q.classList.toggle('status-ok', a.quorum_met);
					q.classList.toggle('status-overdue', !a.quorum_met);
				}
				live.setAttribute('data-live', 'updated');
			});

		/* The inbox page offers desktop notifications until the user has answered. */
		var panel = document.querySelector('[data-notify-panel]');
		if (panel && window.Notification && Notification.permission === 'default') {
			panel.hidden = false;
			panel.querySelector('[data-notify-enable]').addEventListener('click', function () {
				Notification.requestPermission().then(function () { panel.hidden = true; });
			});
		}
	}
	/* 批示 phrases: a click adds the phrase to the opinion it belongs to. */
	document.addEventListener('click', function (e) {
		var btn = e.target.closest && e.target.closest('button[data-phrase]');
		if (!btn)
			return;
		var box = btn.closest('[data-phrases-for]');
		var area = box && document.getElementById(box.getAttribute('data-phrases-for'));
		if (!area)
			return;
		var phrase = btn.getAttribute('data-phrase');
		area.value = area.value ? area.value.replace(/\s+$/, '') + phrase : phrase;
		area.focus();
	});
	document.addEventListener('DOMContentLoaded', function () {
		var es = openStream();
		liveAlerts(es);
		liveInbox(es);
	});
})();
