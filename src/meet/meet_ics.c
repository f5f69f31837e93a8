/*
 * meet_ics.c — meetings as iCalendar (RFC 5545) with libical: one VEVENT per meeting (UID
 * stable per meeting, times in UTC, the room as LOCATION, the agenda in the DESCRIPTION, each
 * member an ATTENDEE with their role), a cancelled meeting as STATUS:CANCELLED so calendars
 * drop it.
 */
#define G_LOG_DOMAIN "mishu-meet"

#include "meet/meet_internal.h"
#include "core/core.h"

#include <libical/ical.h>
#include <string.h>

/* The instant "YYYY-MM-DDTHH:MM" (office time) as a UTC icaltime; null time when invalid. */
static struct icaltimetype utc_of(const char *local)
{
	g_autoptr(GDateTime) t = NULL;
	g_autofree char *iso = NULL;

	if (local == NULL)
		return icaltime_null_time();
	iso = g_strdup_printf("%s:00", local);
	t = g_date_time_new_from_iso8601(iso, core_tz());
	if (t == NULL)
		return icaltime_null_time();
	return icaltime_from_timet_with_zone((time_t)g_date_time_to_unix(t), 0,
	                                     icaltimezone_get_utc_timezone());
}

/* The VEVENT of meeting M (as meet_get reads it). */
static icalcomponent *event_of(json_t *m, const char *host)
{
	icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	const char *status = json_string_value(json_object_get(m, "status"));
	g_autofree char *uid = g_strdup_printf("meeting-%" JSON_INTEGER_FORMAT "@%s",
	                                       json_integer_value(json_object_get(m, "id")), host);
	GString *desc = g_string_new(NULL);
	json_t *a, *p;
	size_t i;

	icalcomponent_add_property(ev, icalproperty_new_uid(uid));
	icalcomponent_add_property(ev,
	                           icalproperty_new_dtstamp(icaltime_from_timet_with_zone(
	                               (time_t)core_now(), 0, icaltimezone_get_utc_timezone())));
	icalcomponent_add_property(ev, icalproperty_new_dtstart(utc_of(
	                                   json_string_value(json_object_get(m, "starts_at")))));
	icalcomponent_add_property(
	    ev, icalproperty_new_dtend(utc_of(json_string_value(json_object_get(m, "ends_at")))));
	icalcomponent_add_property(
	    ev, icalproperty_new_summary(json_string_value(json_object_get(m, "title"))));
	if (*json_string_value(json_object_get(m, "room")))
		icalcomponent_add_property(
		    ev, icalproperty_new_location(json_string_value(json_object_get(m, "room"))));
	g_string_append_printf(desc, "%s", json_string_value(json_object_get(m, "type_name")));
	json_array_foreach (json_object_get(m, "agenda"), i, a)
		g_string_append_printf(desc, "\n%" JSON_INTEGER_FORMAT ". %s",
		                       json_integer_value(json_object_get(a, "n")),
		                       json_string_value(json_object_get(a, "title")));
	icalcomponent_add_property(ev, icalproperty_new_description(desc->str));
	g_string_free(desc, TRUE);
	icalcomponent_add_property(
	    ev, icalproperty_new_status(g_strcmp0(status, "cancelled") == 0 ||
	                                        g_strcmp0(status, "not_held") == 0
	                                    ? ICAL_STATUS_CANCELLED
	                                    : ICAL_STATUS_CONFIRMED));
	json_array_foreach (json_object_get(m, "members"), i, p) {
		g_autofree char *who = g_strdup_printf(
		    "urn:mishu:user:%s", json_string_value(json_object_get(p, "username")));
		icalproperty *at = icalproperty_new_attendee(who);
		const char *ms = json_string_value(json_object_get(p, "status"));

		icalproperty_add_parameter(
		    at, icalparameter_new_cn(json_string_value(json_object_get(p, "name"))));
		icalproperty_add_parameter(
		    at, icalparameter_new_role(json_integer_value(json_object_get(p, "voting"))
		                                   ? ICAL_ROLE_REQPARTICIPANT
		                                   : ICAL_ROLE_OPTPARTICIPANT));
		icalproperty_add_parameter(
		    at, icalparameter_new_partstat(
		            g_strcmp0(ms, "leave") == 0 ? ICAL_PARTSTAT_DECLINED
		            : g_strcmp0(ms, "confirmed") == 0 || g_strcmp0(ms, "present") == 0
		                ? ICAL_PARTSTAT_ACCEPTED
		                : ICAL_PARTSTAT_NEEDSACTION));
		icalcomponent_add_property(ev, at);
	}
	return ev;
}

char *meet_ics(json_t *meetings, const char *host)
{
	icalcomponent *cal =
	    icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
	                        icalproperty_new_prodid("-//mishu//meetings//ZH"),
	                        icalproperty_new_method(ICAL_METHOD_PUBLISH), (void *)0);
	json_t *m;
	size_t i;
	char *text;

	json_array_foreach (meetings, i, m)
		icalcomponent_add_component(cal, event_of(m, host));
	text = g_strdup(icalcomponent_as_ical_string(cal));
	icalcomponent_free(cal);
	return text;
}
