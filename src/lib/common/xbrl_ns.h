/* xbrl_ns.h - the namespaces of XBRL 2.1, XBRL Dimensions and XML Schema,
 * as the DTS reader, the validator and the prior-filing reader name them.
 * (internal) */
#ifndef R2X_XBRL_NS_H
#define R2X_XBRL_NS_H

#define XBRLI_NS "http://www.xbrl.org/2003/instance"
#define LINK_NS "http://www.xbrl.org/2003/linkbase"
#define XLINK_NS "http://www.w3.org/1999/xlink"
#define XSD_NS "http://www.w3.org/2001/XMLSchema"
#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"
#define XBRLDT_NS "http://xbrl.org/2005/xbrldt"
#define XBRLDI_NS "http://xbrl.org/2006/xbrldi"
#define ISO4217_NS "http://www.xbrl.org/2003/iso4217"

#endif
