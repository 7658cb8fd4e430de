// The system libxlsxwriter (Debian: libxlsxwriter-dev), a maintained C library that writes
// Excel .xlsx workbooks: the ledgers a township office opens in a spreadsheet.
#include <xlsxwriter.h>
