/*
 * Siaran's additions to Decap CMS (loaded after decap-cms.js on /admin/).
 *
 * - A file format per collection that reads and writes the metadata block
 *   Siaran documents (docs/content-model.md): `key: value` lines, a blank line,
 *   then the Markdown body. A file the CMS saves is the file an editor would
 *   write by hand, and a hand-written file opens in the form.
 * - A stable id (UUID) for every new entry, added when it is first saved.
 * - "Required when another field is filled" (the photo's alt text).
 * - Decap's interface in Indonesian, and a release preview in the portal's CSS.
 *
 * Nothing here names a field: what each collection holds comes from the JSON
 * block the build writes into index.html, made from siaran/schema.py.
 */
(function () {
  'use strict';

  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  var page = JSON.parse(document.getElementById('siaran-cms').textContent);

  // --- The metadata block (the same rules as siaran/source.py) ---------------------------

  var KEY_LINE = /^([A-Za-z0-9_-]+)\s*:\s?(.*)$/;
  var CONTINUATION = /^ {4,}(.*)$/;

  function parseBlock(text) {
    var lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    var meta = {};
    var order = [];
    var current = null;
    var index = 0;
    if (lines.length && lines[0].trim() === '---') index = 1;
    for (; index < lines.length; index += 1) {
      var line = lines[index];
      var bare = line.trim();
      if (bare === '' || bare === '---' || bare === '...') {
        index += 1;
        break;
      }
      var more = CONTINUATION.exec(line);
      var pair = KEY_LINE.exec(line);
      if (more && current !== null) {
        meta[current] = (meta[current] + ' ' + more[1]).trim();
      } else if (pair) {
        current = pair[1].toLowerCase();
        if (!(current in meta)) order.push(current);
        meta[current] = pair[2].trim();
      } else {
        break;   // not metadata: the body starts here, as Python-Markdown's meta reader does
      }
    }
    return { meta: meta, order: order, body: lines.slice(index).join('\n') };
  }

  function oneLine(value) {
    return String(value).replace(/\s*[\r\n]+\s*/g, ' ').trim();
  }

  function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  function makeFormat(spec) {
    var lists = new Set(spec.lists);
    var numbers = new Set(spec.numbers);
    var groupOf = {};
    Object.keys(spec.groups).forEach(function (group) {
      spec.groups[group].forEach(function (name) { groupOf[name] = group; });
    });

    function fromText(name, text) {
      if (lists.has(name)) {
        return text.split(',').map(function (part) { return part.trim(); })
          .filter(function (part) { return part !== ''; });
      }
      if (numbers.has(name) && /^\d+$/.test(text)) return Number(text);
      return text;
    }

    function toText(value) {
      if (value === null || value === undefined) return '';
      if (Array.isArray(value)) {
        return value.map(oneLine).filter(function (part) { return part !== ''; }).join(', ');
      }
      return oneLine(value);
    }

    return {
      fromFile: function (text) {
        var block = parseBlock(text);
        var data = { body: block.body };
        block.order.forEach(function (name) {
          var value = fromText(name, block.meta[name]);
          var group = groupOf[name];
          if (group) {
            data[group] = data[group] || {};
            data[group][name] = value;
          } else {
            data[name] = value;
          }
        });
        return data;
      },
      toFile: function (data) {
        var flat = {};
        Object.keys(data).forEach(function (name) {
          if (name === 'body') return;
          if (isObject(data[name]) && spec.groups[name]) {
            Object.keys(data[name]).forEach(function (inner) { flat[inner] = data[name][inner]; });
          } else {
            flat[name] = data[name];
          }
        });
        // Schema order first; a key the schema does not know (kept from a hand-written
        // file) stays, last, so `invoke check` can name it.
        var names = spec.order.concat(Object.keys(flat).filter(function (name) {
          return spec.order.indexOf(name) < 0;
        }));
        var lines = [];
        names.forEach(function (name) {
          var text = toText(flat[name]);
          if (text !== '') lines.push(name + ': ' + text);   // an empty optional field is left out
        });
        var body = String(data.body || '').replace(/\s+$/, '');
        return lines.join('\n') + '\n' + (body ? '\n' + body + '\n' : '');
      }
    };
  }

  Object.keys(page.formats).forEach(function (name) {
    CMS.registerCustomFormat(name, 'md', makeFormat(page.formats[name]));
  });

  function specOf(collectionName) {
    return page.formats['siaran-' + collectionName];
  }

  // --- A stable id for each new entry ------------------------------------------------------

  CMS.registerEventListener({
    name: 'preSave',
    handler: function (event) {
      var spec = specOf(event.entry.get('collection'));
      var data = event.entry.get('data');
      if (!spec) return undefined;
      spec.ids.forEach(function (name) {
        if (!data.get(name)) data = data.set(name, window.crypto.randomUUID());
      });
      return data;
    }
  });

  // --- Required when another field is filled -----------------------------------------------

  var StringControl = CMS.getWidget('string').control;
  var StringPreview = CMS.getWidget('string').preview;

  var RequiredWithControl = createClass({
    isValid: function () {
      var spec = specOf(this.props.collection.get('name'));
      var rule = spec && spec.requiredWith[this.props.field.get('name')];
      // getEntry(): the draft as it is now (the `entry` prop may be stale).
      var entry = this.props.getEntry ? this.props.getEntry() : this.props.entry;
      var other = rule && entry.getIn(['data', rule.field]);
      if (other && !String(this.props.value || '').trim()) {
        return { error: { type: 'PRESENCE', message: this.props.field.get('label') + ': ' + rule.message } };
      }
      return true;
    },
    render: function () {
      return h(StringControl, this.props);
    }
  });
  CMS.registerWidget('siaran-string', RequiredWithControl, StringPreview);

  // --- Indonesian interface --------------------------------------------------------------------

  CMS.registerLocale('id', page.phrases);

  // --- Preview in the portal's own CSS -----------------------------------------------------------

  CMS.registerPreviewStyle(page.preview.css);
  var words = page.preview.words;

  var ReleasePreview = createClass({
    render: function () {
      var entry = this.props.entry;
      var get = function (name) { return entry.getIn(['data', name]); };
      var image = get('image');
      var tags = get('tags');
      var authors = get('authors');
      var figure = null;
      if (image) {
        var asset = this.props.getAsset(image);
        figure = h('figure', { className: 'photo' },
          h('img', { src: asset ? asset.toString() : '', alt: get('image_alt') || '' }),
          (get('image_caption') || get('image_credit')) && h('figcaption', {},
            get('image_caption') || '', get('image_credit') && h('span', { className: 'credit' },
              ' (' + get('image_credit') + ')')));
      }
      return h('div', { className: 'wrap narrow' },
        h('article', { className: 'release' },
          h('header', {},
            h('p', { className: 'kicker' }, get('category') || ''),
            h('h1', { id: 'judul' }, get('title') || ''),
            h('p', { className: 'meta' }, (get('date') || '') + ' WIB · ' + (get('unit') || ''))),
          figure,
          h('div', { className: 'body' }, this.props.widgetFor('body')),
          get('credit') && h('p', { className: 'credit-line' }, '(' + get('credit') + ')'),
          authors && authors.size ? h('p', { className: 'authors' },
            words.writer + ': ' + authors.toArray().join(', ')) : null,
          tags && tags.size ? h('div', { className: 'tags' },
            h('h2', { className: 'small-title' }, words.topics),
            h('ul', {}, tags.toArray().map(function (tag) { return h('li', { key: tag }, tag); }))) : null));
    }
  });
  CMS.registerPreviewTemplate(page.preview.collection, ReleasePreview);
}());
