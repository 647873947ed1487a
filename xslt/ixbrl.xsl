<?xml version="1.0" encoding="UTF-8"?>
<!--
  ixbrl.xsl - release2xbrl's intermediate document -> Inline XBRL 1.1 (XHTML).

  The input (see doc/release2xbrl.1, "convert") is a <release> element that
  declares every namespace prefix the facts use, and holds:
    <body>       <heading level="1|2">, <para>, <grid>, <table> in reading
                 order (the release's own headings and paragraphs where its
                 reader marks them: HTML's); a <grid line> is a table the
                 release prints that holds no statement (<tr> rows of <td
                 span?> cells, nothing tagged); a <table line statement> has
                 <caption>, <columns><column role><part>..., and
                 <row line indent total? heading?> with a <label> and one
                 <cell> per column; a tagged cell holds a <nonFraction> with
                 every Inline XBRL attribute already set, its text outside.
    <references> link:schemaRef, as the XBRL instance has it
    <resources>  xbrli:context and xbrli:unit elements
    <hidden>     <nonNumeric>/<nonFraction> facts no cell shows (DEI cover)
  Copy this file and name it with convert's stylesheet option to restyle the
  output (xslt/ixbrl-review.xsl, "stylesheet review", imports this one and
  marks the tagged cells); keep the ix: elements and their attributes as
  they are.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"
    xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12"
    xmlns:xbrli="http://www.xbrl.org/2003/instance"
    xmlns:link="http://www.xbrl.org/2003/linkbase"
    xmlns:xlink="http://www.w3.org/1999/xlink"
    exclude-result-prefixes="">

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/release">
    <html xml:lang="{@lang}">
      <!-- every prefix a fact name, dimension or measure uses -->
      <xsl:copy-of select="namespace::*[name() != 'xml']"/>
      <head>
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
        <title>
          <xsl:choose>
            <xsl:when test="body/heading[@level = '1']">
              <xsl:value-of select="body/heading[@level = '1'][1]"/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="@source"/></xsl:otherwise>
          </xsl:choose>
        </title>
        <style type="text/css">
body { font-family: Georgia, "Times New Roman", serif; max-width: 62em; margin: 2em auto; padding: 0 1em; color: #111; line-height: 1.4; }
h1 { font-size: 1.5em; margin: 1em 0 0.6em; }
h2 { font-size: 1.15em; margin: 1.4em 0 0.4em; }
p { margin: 0.5em 0; }
table.statement { border-collapse: collapse; margin: 0.8em 0 1.6em; font-family: Helvetica, Arial, sans-serif; font-size: 0.85em; }
table.statement caption { text-align: left; font-weight: bold; font-size: 1.1em; padding: 0.3em 0; }
table.statement th { font-weight: bold; text-align: right; vertical-align: bottom; padding: 0.2em 0.6em; border-bottom: 1px solid #444; }
table.statement td { padding: 0.1em 0.6em; }
table.statement td.num { text-align: right; white-space: nowrap; }
table.statement tr.total td { border-top: 1px solid #888; font-weight: bold; }
table.statement tr.heading td { font-weight: bold; padding-top: 0.5em; }
table.statement tbody tr:nth-child(even) { background: #f4f6f8; }
table.text { border-collapse: collapse; margin: 0.6em 0; }
table.text td { padding: 0.1em 0.6em; vertical-align: top; }
</style>
        <xsl:call-template name="extra-style"/>
      </head>
      <body>
        <div style="display:none">
          <ix:header>
            <xsl:if test="hidden/*">
              <ix:hidden>
                <xsl:apply-templates select="hidden/*"/>
              </ix:hidden>
            </xsl:if>
            <ix:references>
              <xsl:copy-of select="references/*"/>
            </ix:references>
            <ix:resources>
              <xsl:copy-of select="resources/*"/>
            </ix:resources>
          </ix:header>
        </div>
        <xsl:apply-templates select="body/*"/>
        <xsl:call-template name="after-body"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="heading[@level = '1']">
    <h1><xsl:value-of select="."/></h1>
  </xsl:template>

  <xsl:template match="heading">
    <h2><xsl:value-of select="."/></h2>
  </xsl:template>

  <xsl:template match="para">
    <p><xsl:value-of select="."/></p>
  </xsl:template>

  <xsl:template match="grid[tr]">
    <table class="text">
      <xsl:for-each select="tr">
        <tr>
          <xsl:for-each select="td">
            <td>
              <xsl:if test="@span"><xsl:attribute name="colspan"><xsl:value-of select="@span"/></xsl:attribute></xsl:if>
              <xsl:value-of select="."/>
            </td>
          </xsl:for-each>
        </tr>
      </xsl:for-each>
    </table>
  </xsl:template>

  <xsl:template match="table">
    <table class="statement">
      <xsl:if test="caption">
        <caption><xsl:value-of select="caption"/></caption>
      </xsl:if>
      <!-- XHTML's table needs a body row: a table of headings alone (a
           contacts block read as a table) has them as its body -->
      <xsl:choose>
        <xsl:when test="row">
          <thead><xsl:call-template name="column-headings"/></thead>
          <tbody>
            <xsl:apply-templates select="row"/>
          </tbody>
        </xsl:when>
        <xsl:otherwise>
          <tbody><xsl:call-template name="column-headings"/></tbody>
        </xsl:otherwise>
      </xsl:choose>
    </table>
  </xsl:template>

  <xsl:template name="column-headings">
    <tr>
      <th></th>
      <xsl:for-each select="columns/column">
        <th>
          <xsl:for-each select="part">
            <xsl:if test="position() &gt; 1"><br/></xsl:if>
            <xsl:value-of select="."/>
          </xsl:for-each>
        </th>
      </xsl:for-each>
    </tr>
  </xsl:template>

  <xsl:template match="row">
    <tr>
      <xsl:if test="@total = '1' or @heading = '1'">
        <xsl:attribute name="class">
          <xsl:if test="@total = '1'">total</xsl:if>
          <xsl:if test="@heading = '1'">heading</xsl:if>
        </xsl:attribute>
      </xsl:if>
      <td style="padding-left: {0.6 + 0.5 * @indent}em">
        <xsl:value-of select="label/text()"/>
        <xsl:if test="label/note">
          <sup><xsl:value-of select="label/note"/></sup>
        </xsl:if>
      </td>
      <xsl:apply-templates select="cell"/>
    </tr>
  </xsl:template>

  <xsl:template match="cell">
    <td class="num"><xsl:apply-templates select="node()"/></td>
  </xsl:template>

  <!-- Hooks a stylesheet importing this one overrides (ixbrl-review.xsl). -->
  <xsl:template name="extra-style"/>
  <xsl:template name="after-body"/>

  <!-- A fact: its attributes as they are; the figure only inside the tag. -->
  <xsl:template match="nonFraction">
    <ix:nonFraction>
      <xsl:copy-of select="@*"/>
      <xsl:value-of select="."/>
    </ix:nonFraction>
  </xsl:template>

  <xsl:template match="nonNumeric">
    <ix:nonNumeric>
      <xsl:copy-of select="@*"/>
      <xsl:value-of select="."/>
    </ix:nonNumeric>
  </xsl:template>

</xsl:stylesheet>
