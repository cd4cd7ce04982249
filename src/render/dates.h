/* Dates written out for readers, in the site's language. */
#ifndef LT_RENDER_DATES_H
#define LT_RENDER_DATES_H

/* The name of month (1-12) in language: "en" for English, Indonesian
 * otherwise ("Maret", "March"). */
const char *lt_month_name(int month, const char *language);

#endif
