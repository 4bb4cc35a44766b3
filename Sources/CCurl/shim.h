#ifndef XENTUI_CCURL_SHIM_H
#define XENTUI_CCURL_SHIM_H
#include <curl/curl.h>
#endif
