/**
 * Qualifies the findings of one message in law: the verdict, whether it is marketing or transactional, whether the
 * CNIL exemptions can apply, which provisions are engaged, and what the result does not prove.
 */
package org.pixelproof.assess;
