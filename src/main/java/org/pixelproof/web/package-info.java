/**
 * The web application: Qute pages for people and the REST API for programs. The only package that knows HTTP.
 */
package org.pixelproof.web;
