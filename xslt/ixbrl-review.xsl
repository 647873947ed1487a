<?xml version="1.0" encoding="UTF-8"?>
<!--
  ixbrl-review.xsl - the Inline XBRL of xslt/ixbrl.xsl, marked for review:
  every tagged cell shaded, with its concept, context, unit and decimals in
  its tooltip; a negative fact (sign="-") shaded apart; after the release, a
  list of the facts no cell shows (the DEI cover, and facts whose cell could
  not carry them), which the Inline XBRL keeps in ix:hidden.

  convert chooses it with "stylesheet review" (the format ixbrl or all).  The
  tags, contexts and units are those of ixbrl.xsl: the same facts.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"
    exclude-result-prefixes="">

  <xsl:import href="ixbrl.xsl"/>

  <xsl:template name="extra-style">
    <style type="text/css">
td.tagged { background: #fff2b3; box-shadow: inset 0 0 0 1px #d9b400; cursor: help; }
td.tagged.negative { background: #ffd9cc; box-shadow: inset 0 0 0 1px #d96c4a; }
div.review { font-family: Helvetica, Arial, sans-serif; font-size: 0.85em; border-top: 2px solid #d9b400; margin-top: 2em; }
div.review table { border-collapse: collapse; }
div.review td, div.review th { padding: 0.1em 0.6em; text-align: left; }
p.legend { font-family: Helvetica, Arial, sans-serif; font-size: 0.85em; background: #fffbe6; padding: 0.4em 0.6em; }
</style>
  </xsl:template>

  <xsl:template match="cell[nonFraction]">
    <xsl:variable name="f" select="nonFraction"/>
    <td>
      <xsl:attribute name="class">
        <xsl:text>num tagged</xsl:text>
        <xsl:if test="$f/@sign = '-'"> negative</xsl:if>
      </xsl:attribute>
      <xsl:attribute name="title">
        <xsl:value-of select="concat($f/@name, ' | ', $f/@contextRef, ' | ', $f/@unitRef, ' | decimals ', $f/@decimals)"/>
        <xsl:if test="$f/@sign = '-'"> | negative</xsl:if>
      </xsl:attribute>
      <xsl:apply-templates select="node()"/>
    </td>
  </xsl:template>

  <xsl:template name="after-body">
    <div class="review">
      <p class="legend">Review: shaded cells are tagged (hover for the concept, context,
        unit and decimals); red ones are negative facts. <xsl:value-of
        select="count(//cell/nonFraction)"/> facts are shown in cells, <xsl:value-of
        select="count(hidden/*)"/> are hidden.</p>
      <xsl:if test="hidden/*">
        <table>
          <tr><th>Hidden fact</th><th>Context</th><th>Unit</th><th>Value</th></tr>
          <xsl:for-each select="hidden/*">
            <tr>
              <td><xsl:value-of select="@name"/></td>
              <td><xsl:value-of select="@contextRef"/></td>
              <td><xsl:value-of select="@unitRef"/></td>
              <td><xsl:if test="@sign = '-'">-</xsl:if><xsl:value-of select="."/></td>
            </tr>
          </xsl:for-each>
        </table>
      </xsl:if>
    </div>
  </xsl:template>

</xsl:stylesheet>
