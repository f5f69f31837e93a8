/* tasks.js — progressive enhancement of the task forms (/tasks/new, /instructions/{id}/tasks).
 * Beside a deadline given in working days (<input data-calendar-from="YYYY-MM-DD"
 * data-calendar-out="ID">) it shows the date that count gives, asked of the working-day
 * calendar (GET /api/v1/calendar?from=&add=). The server computes the deadline itself when the
 * form is sent; without scripts the field simply has no preview.
 */
(function () {
	'use strict';

	/* Shows the date N working days after the field's start in its <output>. */
	function preview(input) {
		var out = document.getElementById(input.getAttribute('data-calendar-out'));
		var n = input.value.trim();
		if (!out)
			return;
		if (!/^\d{1,3}$/.test(n) || +n < 1 || +n > 365) {
			out.textContent = '';
			return;
		}
		var url = '/api/v1/calendar?from=' + encodeURIComponent(input.getAttribute('data-calendar-from')) +
			'&add=' + n;
		var asked = input.value;
		fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
			.then(function (r) { return r.ok ? r.json() : null; })
			.then(function (j) {
				if (j && j.date && input.value === asked)
					out.textContent = (out.getAttribute('data-label') || '') + j.date;
			})
			.catch(function () { out.textContent = ''; });
	}

	document.addEventListener('DOMContentLoaded', function () {
		document.querySelectorAll('input[data-calendar-from]').forEach(function (input) {
			var timer = null;
			input.addEventListener('input', function () {
				clearTimeout(timer);
				timer = setTimeout(function () { preview(input); }, 250);
			});
			if (input.value)
				preview(input);
		});
	});
})();
