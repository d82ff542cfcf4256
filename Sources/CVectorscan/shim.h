#ifndef KEYWARD_CVECTORSCAN_SHIM_H
#define KEYWARD_CVECTORSCAN_SHIM_H
/* Vectorscan (the maintained Hyperscan fork): pkg-config libhs puts /usr/include/hs on the path. */
#include <hs.h>
#endif
