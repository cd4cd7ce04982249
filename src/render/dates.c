#include "render/dates.h"

#include <string.h>

const char *lt_month_name(int month, const char *language)
{
    static const char *const id[] = {"Januari",   "Februari", "Maret",    "April",
                                     "Mei",       "Juni",     "Juli",     "Agustus",
                                     "September", "Oktober",  "November", "Desember"};
    static const char *const en[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};
    if (month < 1 || month > 12)
        return "";
    return (strcmp(language, "en") == 0 ? en : id)[month - 1];
}
