/** The only personal data in the streams: the client's contact details, encrypted as a compact JWE for key holders. */
package org.scheduleright.events.contact;
